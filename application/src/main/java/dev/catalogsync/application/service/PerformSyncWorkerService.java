package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.PerformSyncWorker;
import dev.catalogsync.application.port.out.CatalogMirror;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.EnqueueStatistics.EnqueuePath;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.application.port.out.WorkerQueue;
import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.PendingRange;
import dev.catalogsync.domain.SyncBatch;
import dev.catalogsync.domain.WorkerRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * GitLab's {@code ProcessSyncEventsWorker#perform} and the {@code Ci::ProcessSyncEventsService} it calls, for
 * catalog resources, in one class and made set-based: one pass syncs a whole batch in a fixed number of
 * statements, whatever its size.
 *
 * <ol>
 *   <li>If {@code ci_process_catalog_resource_sync_events} is disabled, do nothing at all: no read, no write,
 *       no enqueue ({@link WorkerRun.FlagDisabled}).</li>
 *   <li>Take the exclusive lease; if another run holds it, skip to step 4.</li>
 *   <li>Estimate the backlog, take up to a batch of pending events in id order, sync their catalog resources
 *       from their projects (orphaned events sync nothing), then mark exactly those events processed.</li>
 *   <li>Whether or not the lease was obtained: if events remain pending and the flag is still on, enqueue the
 *       worker again.</li>
 * </ol>
 *
 * <p>The sync is written before the events are marked: a crash in between leaves them pending and the next
 * pass syncs them again, which is harmless because the sync is idempotent. The opposite order could lose
 * them.
 */
public class PerformSyncWorkerService implements PerformSyncWorker {

    /** One lease for every process working on this queue. The value is shared with running processes: keep it. */
    public static final String LEASE_KEY = "catalog_sync:process_sync_events:p_catalog_resource_sync_events";

    /** GitLab's lease time to live: a run that dies holds the queue for at most this long. */
    public static final Duration LEASE_TIME_TO_LIVE = Duration.ofMinutes(1);

    private final SyncEventQueue queue;
    private final CatalogMirror mirror;
    private final ExclusiveLease lease;
    private final WorkerQueue workerQueue;
    private final FeatureFlagStates flags;
    private final SyncStatistics statistics;
    private final EnqueueStatistics enqueues;
    private final Clock clock;

    public PerformSyncWorkerService(
            SyncEventQueue queue,
            CatalogMirror mirror,
            ExclusiveLease lease,
            WorkerQueue workerQueue,
            FeatureFlagStates flags,
            SyncStatistics statistics,
            EnqueueStatistics enqueues,
            Clock clock) {
        this.queue = queue;
        this.mirror = mirror;
        this.lease = lease;
        this.workerQueue = workerQueue;
        this.flags = flags;
        this.statistics = statistics;
        this.enqueues = enqueues;
        this.clock = clock;
    }

    /** Reports every perform, normal or failed, once to the statistics with when it started and how long it took. */
    @Override
    public WorkerRun perform(BatchSize batchSize) {
        Instant started = clock.instant();
        WorkerRun run;
        try {
            run = performOnce(batchSize);
        } catch (RuntimeException e) {
            statistics.performFailed(e, started, Duration.between(started, clock.instant()));
            throw e;
        }
        statistics.performed(run, started, Duration.between(started, clock.instant()));
        return run;
    }

    private WorkerRun performOnce(BatchSize batchSize) {
        if (!flags.isEnabled(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS)) {
            statistics.flagDisabled();
            return new WorkerRun.FlagDisabled();
        }
        Optional<BatchResult> result = processUnderLease(batchSize);
        boolean reenqueued = enqueueWorkerIfPendingRemain();
        return result.<WorkerRun>map(batch -> new WorkerRun.Processed(batch, reenqueued))
                .orElseGet(() -> new WorkerRun.LeaseBusy(reenqueued));
    }

    private Optional<BatchResult> processUnderLease(BatchSize batchSize) {
        Optional<ExclusiveLease.Held> held = lease.tryObtain(LEASE_KEY, LEASE_TIME_TO_LIVE);
        if (held.isEmpty()) {
            statistics.leaseBusy();
            return Optional.empty();
        }
        try (ExclusiveLease.Held ignored = held.get()) {
            Instant started = clock.instant();
            BatchResult result = processBatch(batchSize);
            statistics.batchProcessed(result, Duration.between(started, clock.instant()));
            return Optional.of(result);
        }
    }

    private BatchResult processBatch(BatchSize batchSize) {
        long estimatedTotal =
                queue.pendingRange().map(PendingRange::estimatedTotal).orElse(0L);
        SyncBatch batch = queue.nextPendingBatch(batchSize.value());
        if (batch.isEmpty()) {
            return BatchResult.nothingConsumable(estimatedTotal);
        }
        mirror.syncFromProjects(batch.catalogResourceIds());
        int processed = queue.markProcessed(batch);
        return new BatchResult(estimatedTotal, batch.size(), processed);
    }

    /** Checks the flag again: a run that finds it turned off mid-way finishes its batch but asks for no more. */
    private boolean enqueueWorkerIfPendingRemain() {
        if (queue.hasPending() && flags.isEnabled(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS)) {
            workerQueue.enqueue();
            enqueues.pathDecided(EnqueuePath.WORKER, "enqueued");
            return true;
        }
        return false;
    }
}
