package dev.catalogsync.bootstrap.wiring;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import com.codahale.metrics.MetricRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.catalogsync.adapters.scheduler.inbound.console.ConsoleAssets;
import dev.catalogsync.adapters.scheduler.inbound.console.EnqueueWorkerAction;
import dev.catalogsync.adapters.scheduler.inbound.console.FlagAction;
import dev.catalogsync.adapters.scheduler.inbound.console.PartitionRoundAction;
import dev.catalogsync.adapters.scheduler.inbound.console.ReconcileAction;
import dev.catalogsync.adapters.scheduler.inbound.http.HealthCheck;
import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.ProjectUpdateHook;
import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.in.MaintainQueuePartitions;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.in.ReconcileMirror;
import dev.catalogsync.application.port.in.ReportQueueStatus;
import dev.catalogsync.application.port.out.CronTicks;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.ServiceInstances;
import dev.catalogsync.application.port.out.WorkerQueue;
import dev.catalogsync.bootstrap.metrics.DropwizardEnqueueStatistics;
import dev.catalogsync.bootstrap.metrics.PrometheusEndpoint;
import dev.catalogsync.bootstrap.observe.PartitionDetailsCache;
import dev.catalogsync.bootstrap.observe.ProcessedRate;
import dev.catalogsync.bootstrap.observe.QueueSampler;
import dev.catalogsync.bootstrap.observe.Readiness;
import dev.catalogsync.bootstrap.observe.ReadinessEndpoint;
import dev.catalogsync.bootstrap.observe.StatusDocument;
import dev.catalogsync.bootstrap.observe.StatusEndpoint;
import dev.catalogsync.bootstrap.observe.WorkerRunLog;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The HTTP endpoints the service serves when asked to, as a set of routes: an endpoint is added by contributing
 * one more {@link HttpRoute} to the set. The operator's console is its page, script and style sheet, and four
 * actions.
 */
public class HttpModule extends AbstractModule {

    private final Supplier<String> instanceName;
    private final SlidingListPolicy partitionPolicy;

    /**
     * @param instanceName this instance's name, as its heartbeat and the scheduler's {@code picked_by} carry it
     * @param partitionPolicy the policy of a partition round asked for from the console: the service's own
     */
    public HttpModule(Supplier<String> instanceName, SlidingListPolicy partitionPolicy) {
        this.instanceName = Objects.requireNonNull(instanceName, "instanceName");
        this.partitionPolicy = Objects.requireNonNull(partitionPolicy, "partitionPolicy");
    }

    @Override
    protected void configure() {
        Multibinder<HttpRoute> routes = Multibinder.newSetBinder(binder(), HttpRoute.class);
        ConsoleAssets.routes().forEach(route -> routes.addBinding().toInstance(route));
    }

    @ProvidesIntoSet
    HttpRoute projectUpdateHook(HandleProjectUpdate callback) {
        return ProjectUpdateHook.route(callback);
    }

    @ProvidesIntoSet
    HttpRoute health() {
        return HealthCheck.route();
    }

    @ProvidesIntoSet
    HttpRoute ready(Readiness readiness) {
        return ReadinessEndpoint.route(readiness);
    }

    @ProvidesIntoSet
    HttpRoute metrics(MetricRegistry registry) {
        return PrometheusEndpoint.route(registry);
    }

    @ProvidesIntoSet
    HttpRoute status(
            ReportQueueStatus queue,
            ManageFeatureFlags flags,
            CronTicks cron,
            ServiceInstances instances,
            AuditOperations operations,
            QueueSampler sampler,
            WorkerRunLog runs,
            DropwizardEnqueueStatistics enqueues,
            ProcessedRate rate,
            PartitionDetailsCache partitions,
            Clock clock) {
        return StatusEndpoint.route(() -> StatusDocument.fromDatabase(
                        queue,
                        flags,
                        cron,
                        instances,
                        operations,
                        PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(),
                        clock.instant())
                .withService(new StatusDocument.ServiceView(
                        instanceName.get(),
                        sampler.observation()
                                .lastSample()
                                .map(sample -> sample.leaseHeld())
                                .orElse(null),
                        runs,
                        enqueues.byPathAndOutcome(),
                        rate.history(),
                        partitions.get())));
    }

    @ProvidesIntoSet
    HttpRoute flagAction(ManageFeatureFlags flags) {
        return FlagAction.route(flags, PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name());
    }

    @ProvidesIntoSet
    HttpRoute partitionRoundAction(
            MaintainQueuePartitions partitions, AuditOperations audit, PartitionDetailsCache details) {
        return PartitionRoundAction.route(partitions, partitionPolicy, audit, details::invalidate);
    }

    @ProvidesIntoSet
    HttpRoute reconcileAction(ReconcileMirror reconcile, AuditOperations audit) {
        return ReconcileAction.route(reconcile, audit);
    }

    @ProvidesIntoSet
    HttpRoute enqueueWorkerAction(WorkerQueue queue, EnqueueStatistics statistics, AuditOperations audit) {
        return EnqueueWorkerAction.route(queue, statistics, audit);
    }
}
