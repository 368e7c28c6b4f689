package dev.catalogsync.bootstrap.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.domain.BatchResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's figures as Dropwizard metrics, the ones GitLab's operators watch on the worker's dashboards:
 * batch rate and duration, events processed, the backlog estimate, and how often a run found the lease busy,
 * lost it before it could write (paused past its time to live), or found the flag off.
 */
public class DropwizardSyncStatistics implements SyncStatistics {

    public static final String PREFIX = "catalog_sync.worker";

    private final Timer batches;
    private final Meter processedEvents;
    private final Histogram consumableEvents;
    private final Meter leaseBusy;
    private final Meter leaseLost;
    private final Meter flagDisabled;
    private final AtomicLong estimatedTotalEvents = new AtomicLong();

    public DropwizardSyncStatistics(MetricRegistry registry) {
        batches = registry.timer(MetricRegistry.name(PREFIX, "batches"));
        processedEvents = registry.meter(MetricRegistry.name(PREFIX, "processed_events"));
        consumableEvents = registry.histogram(MetricRegistry.name(PREFIX, "consumable_events"));
        leaseBusy = registry.meter(MetricRegistry.name(PREFIX, "lease_busy"));
        leaseLost = registry.meter(MetricRegistry.name(PREFIX, "lease_lost"));
        flagDisabled = registry.meter(MetricRegistry.name(PREFIX, "flag_disabled"));
        registry.gauge(
                MetricRegistry.name(PREFIX, "estimated_total_events"), () -> (Gauge<Long>) estimatedTotalEvents::get);
    }

    @Override
    public void batchProcessed(BatchResult result, Duration took) {
        batches.update(took.toNanos(), TimeUnit.NANOSECONDS);
        consumableEvents.update(result.consumableEvents());
        processedEvents.mark(result.processedEvents().orElse(0));
        estimatedTotalEvents.set(result.estimatedTotalEvents());
    }

    @Override
    public void leaseBusy() {
        leaseBusy.mark();
    }

    @Override
    public void leaseLost() {
        leaseLost.mark();
    }

    @Override
    public void flagDisabled() {
        flagDisabled.mark();
    }
}
