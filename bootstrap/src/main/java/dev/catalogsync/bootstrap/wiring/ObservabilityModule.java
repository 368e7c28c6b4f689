package dev.catalogsync.bootstrap.wiring;

import com.codahale.metrics.MetricRegistry;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.catalogsync.adapters.scheduler.outbound.queue.SyncWorkerScheduler;
import dev.catalogsync.application.port.in.ListQueuePartitions;
import dev.catalogsync.application.port.in.ObserveQueue;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.PartitionStatistics;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.bootstrap.metrics.DropwizardEnqueueStatistics;
import dev.catalogsync.bootstrap.metrics.DropwizardPartitionStatistics;
import dev.catalogsync.bootstrap.metrics.DropwizardSchedulerStats;
import dev.catalogsync.bootstrap.metrics.DropwizardSyncStatistics;
import dev.catalogsync.bootstrap.metrics.QueueGauges;
import dev.catalogsync.bootstrap.observe.FanOutSyncStatistics;
import dev.catalogsync.bootstrap.observe.PartitionDetailsCache;
import dev.catalogsync.bootstrap.observe.ProcessedRate;
import dev.catalogsync.bootstrap.observe.QueueSampler;
import dev.catalogsync.bootstrap.observe.Readiness;
import dev.catalogsync.bootstrap.observe.WorkerRunLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Metrics, the status page's run log and rate, the sampler behind the gauges and readiness: the statistics ports of the core
 * bound to Dropwizard metrics on one {@link MetricRegistry} (the service's own, or a host's).
 */
public class ObservabilityModule extends AbstractModule {

    private final MetricRegistry registry;
    private final String cron;
    private final Duration readyMaxPendingAge;
    private final boolean runsScheduler;

    /**
     * @param cron the worker cron's expression, for the readiness check of its ticks
     * @param readyMaxPendingAge the oldest a pending event may get, flag on, for the service to be ready
     * @param runsScheduler whether the service runs db-scheduler (else the scheduler and cron are not checked)
     */
    public ObservabilityModule(
            MetricRegistry registry, String cron, Duration readyMaxPendingAge, boolean runsScheduler) {
        this.registry = registry;
        this.cron = cron;
        this.readyMaxPendingAge = readyMaxPendingAge;
        this.runsScheduler = runsScheduler;
    }

    @Override
    protected void configure() {
        bind(MetricRegistry.class).toInstance(registry);
        bind(EnqueueStatistics.class).to(DropwizardEnqueueStatistics.class);
    }

    @Provides
    @Singleton
    WorkerRunLog workerRunLog() {
        return new WorkerRunLog();
    }

    @Provides
    @Singleton
    ProcessedRate processedRate(Clock clock) {
        return new ProcessedRate(clock);
    }

    /** The metrics, the run log and the console's rate, each told of every perform. */
    @Provides
    @Singleton
    SyncStatistics syncStatistics(WorkerRunLog runs, ProcessedRate rate) {
        return new FanOutSyncStatistics(new DropwizardSyncStatistics(registry), runs, rate);
    }

    @Provides
    @Singleton
    PartitionDetailsCache partitionDetails(ListQueuePartitions partitions, Clock clock) {
        return new PartitionDetailsCache(partitions, clock);
    }

    @Provides
    @Singleton
    DropwizardEnqueueStatistics enqueueStatistics() {
        return new DropwizardEnqueueStatistics(registry);
    }

    @Provides
    @Singleton
    PartitionStatistics partitionStatistics() {
        return new DropwizardPartitionStatistics(registry);
    }

    @Provides
    @Singleton
    StatsRegistry schedulerStatistics() {
        return new DropwizardSchedulerStats(registry);
    }

    /** Made (and its gauges registered) once, when the service starts it or a route first needs it. */
    @Provides
    @Singleton
    QueueSampler queueSampler(ObserveQueue observe, Clock clock) {
        QueueSampler sampler = new QueueSampler(observe, clock);
        QueueGauges.register(registry, sampler, clock);
        return sampler;
    }

    @Provides
    @Singleton
    Readiness readiness(QueueSampler sampler, Provider<SyncWorkerScheduler> scheduler, Clock clock) {
        Optional<BooleanSupplier> polling =
                runsScheduler ? Optional.of(() -> scheduler.get().isPolling()) : Optional.empty();
        return new Readiness(sampler, polling, cron, readyMaxPendingAge, clock);
    }
}
