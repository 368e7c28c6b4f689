package dev.catalogsync.bootstrap.metrics;

import static dev.catalogsync.bootstrap.metrics.MetricNames.name;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.WorkerRun;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The worker's figures as Dropwizard metrics, the ones GitLab's operators watch on the worker's dashboards: how
 * long each perform takes, events processed, events per pass, and how often a perform was skipped (by reason: the
 * flag off, the lease taken by another run, or lost before it could write after a pause past its time to live) or
 * failed.
 */
public class DropwizardSyncStatistics implements SyncStatistics {

    private final Timer duration;
    private final Meter processedEvents;
    private final Histogram consumableEvents;
    private final Counter skippedFlagOff;
    private final Counter skippedLeaseTaken;
    private final Counter skippedLeaseLost;
    private final Counter failed;

    public DropwizardSyncStatistics(MetricRegistry registry) {
        duration = registry.timer(MetricNames.WORKER_DURATION);
        processedEvents = registry.meter(MetricNames.EVENTS_PROCESSED);
        consumableEvents = registry.histogram(MetricNames.WORKER_CONSUMABLE_EVENTS);
        skippedFlagOff = registry.counter(name(MetricNames.WORKER_SKIPPED, "flag_off"));
        skippedLeaseTaken = registry.counter(name(MetricNames.WORKER_SKIPPED, "lease_taken"));
        skippedLeaseLost = registry.counter(name(MetricNames.WORKER_SKIPPED, "lease_lost"));
        failed = registry.counter(MetricNames.WORKER_FAILED);
    }

    @Override
    public void batchProcessed(BatchResult result, Duration took) {
        consumableEvents.update(result.consumableEvents());
        processedEvents.mark(result.processedCount());
    }

    @Override
    public void leaseBusy() {
        skippedLeaseTaken.inc();
    }

    @Override
    public void leaseLost() {
        skippedLeaseLost.inc();
    }

    @Override
    public void flagDisabled() {
        skippedFlagOff.inc();
    }

    @Override
    public void performed(WorkerRun run, Instant startedAt, Duration took) {
        duration.update(took.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void performFailed(RuntimeException failure, Instant startedAt, Duration took) {
        duration.update(took.toNanos(), TimeUnit.NANOSECONDS);
        failed.inc();
    }
}
