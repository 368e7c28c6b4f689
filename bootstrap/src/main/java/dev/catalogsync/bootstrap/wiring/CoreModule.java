package dev.catalogsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.catalogsync.application.flags.CachingFeatureFlagStore;
import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.in.CheckForPendingEvents;
import dev.catalogsync.application.port.in.DrainSyncEvents;
import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.in.ListQueuePartitions;
import dev.catalogsync.application.port.in.MaintainQueuePartitions;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.in.ObserveQueue;
import dev.catalogsync.application.port.in.PerformSyncWorker;
import dev.catalogsync.application.port.in.ReconcileMirror;
import dev.catalogsync.application.port.in.ReportQueueStatus;
import dev.catalogsync.application.port.out.CatalogResourceLookup;
import dev.catalogsync.application.port.out.CronTicks;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.FeatureFlagAudit;
import dev.catalogsync.application.port.out.FeatureFlagStore;
import dev.catalogsync.application.port.out.MirrorDrift;
import dev.catalogsync.application.port.out.OperationLog;
import dev.catalogsync.application.port.out.PartitionStatistics;
import dev.catalogsync.application.port.out.Pause;
import dev.catalogsync.application.port.out.QueueInspector;
import dev.catalogsync.application.port.out.QueuePartitions;
import dev.catalogsync.application.port.out.SyncBatches;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.application.port.out.WorkerQueue;
import dev.catalogsync.application.service.AuditOperationsService;
import dev.catalogsync.application.service.CheckForPendingEventsService;
import dev.catalogsync.application.service.DrainSyncEventsService;
import dev.catalogsync.application.service.HandleProjectUpdateService;
import dev.catalogsync.application.service.ListQueuePartitionsService;
import dev.catalogsync.application.service.MaintainQueuePartitionsService;
import dev.catalogsync.application.service.ManageFeatureFlagsService;
import dev.catalogsync.application.service.ObserveQueueService;
import dev.catalogsync.application.service.PerformSyncWorkerService;
import dev.catalogsync.application.service.ReconcileMirrorService;
import dev.catalogsync.application.service.ReportQueueStatusService;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the use cases from whatever adapters the other modules bind. The core classes carry no annotations;
 * this is the one place that knows how they fit together.
 */
public class CoreModule extends AbstractModule {

    /** Half the second allowed between a flag change and the service acting on it. */
    public static final Duration FLAG_CACHE_TIME_TO_LIVE = Duration.ofMillis(500);

    private final Clock clock;

    public CoreModule(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(Clock.class).toInstance(clock);
    }

    /**
     * Flag changes made through {@link ManageFeatureFlags} go through the same cache, so this process acts on them
     * at once; other processes within the time to live.
     *
     * <p>What every path that acts on a flag reads (worker, callback, poll, status): the bound store, whoever's it
     * is, through a cache of {@link #FLAG_CACHE_TIME_TO_LIVE}, because the callback and the poll check the flag
     * on every call. A change made by {@code feature set} in another process is seen within that time.
     */
    @Provides
    @Singleton
    CachingFeatureFlagStore cachedFlags(FeatureFlagStore store) {
        return new CachingFeatureFlagStore(store, clock, FLAG_CACHE_TIME_TO_LIVE);
    }

    @Provides
    @Singleton
    FeatureFlagStates featureFlagStates(CachingFeatureFlagStore store) {
        return new FeatureFlagStates(store);
    }

    @Provides
    @Singleton
    PerformSyncWorker performSyncWorker(
            SyncEventQueue queue,
            SyncBatches batches,
            ExclusiveLease lease,
            WorkerQueue workerQueue,
            FeatureFlagStates flags,
            SyncStatistics statistics,
            EnqueueStatistics enqueues) {
        return new PerformSyncWorkerService(queue, batches, lease, workerQueue, flags, statistics, enqueues, clock);
    }

    @Provides
    @Singleton
    DrainSyncEvents drainSyncEvents(PerformSyncWorker worker, Pause pause) {
        return new DrainSyncEventsService(worker, pause);
    }

    @Provides
    @Singleton
    ManageFeatureFlags manageFeatureFlags(CachingFeatureFlagStore store, FeatureFlagAudit audit) {
        return new ManageFeatureFlagsService(store, audit, clock);
    }

    @Provides
    @Singleton
    ReportQueueStatus reportQueueStatus(SyncEventQueue queue, QueueInspector inspector, FeatureFlagStates flags) {
        return new ReportQueueStatusService(queue, inspector, flags, clock);
    }

    @Provides
    @Singleton
    HandleProjectUpdate handleProjectUpdate(
            CatalogResourceLookup catalog,
            FeatureFlagStates flags,
            WorkerQueue workerQueue,
            EnqueueStatistics enqueues) {
        return new HandleProjectUpdateService(catalog, flags, workerQueue, enqueues);
    }

    @Provides
    @Singleton
    MaintainQueuePartitions maintainQueuePartitions(
            QueuePartitions partitions, ExclusiveLease lease, Pause pause, PartitionStatistics statistics) {
        return new MaintainQueuePartitionsService(partitions, lease, pause, statistics, clock);
    }

    @Provides
    @Singleton
    CheckForPendingEvents checkForPendingEvents(
            SyncEventQueue queue, FeatureFlagStates flags, WorkerQueue workerQueue, EnqueueStatistics enqueues) {
        return new CheckForPendingEventsService(queue, flags, workerQueue, enqueues);
    }

    @Provides
    @Singleton
    ObserveQueue observeQueue(
            SyncEventQueue queue,
            QueueInspector inspector,
            ExclusiveLease lease,
            FeatureFlagStates flags,
            CronTicks cron) {
        return new ObserveQueueService(queue, inspector, lease, flags, cron, clock);
    }

    @Provides
    @Singleton
    ListQueuePartitions listQueuePartitions(QueuePartitions partitions, QueueInspector inspector) {
        return new ListQueuePartitionsService(partitions, inspector);
    }

    @Provides
    @Singleton
    AuditOperations auditOperations(OperationLog log) {
        return new AuditOperationsService(log, clock);
    }

    @Provides
    @Singleton
    ReconcileMirror reconcileMirror(MirrorDrift drift) {
        return new ReconcileMirrorService(drift);
    }
}
