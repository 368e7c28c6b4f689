package dev.catalogsync.bootstrap.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import dev.catalogsync.application.port.in.ObserveQueue.QueueSample;
import dev.catalogsync.application.port.out.CronTicks;
import dev.catalogsync.bootstrap.observe.QueueSampler;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gauges that need SQL, read from the {@link QueueSampler}'s last sample: a scrape never queries. Before the
 * first sample they read 0 (and the cron's age -1).
 */
public final class QueueGauges {

    private QueueGauges() {}

    public static void register(MetricRegistry registry, QueueSampler sampler, Clock clock) {
        gauge(registry, MetricNames.EVENTS_PENDING, sampler, QueueSample::estimatedTotalEvents, 0L);
        gauge(
                registry,
                MetricNames.EVENTS_OLDEST_PENDING_AGE,
                sampler,
                sample -> sample.oldestPendingAge().toMillis() / 1000.0,
                0.0);
        gauge(registry, MetricNames.LEASE_HELD, sampler, sample -> sample.leaseHeld() ? 1 : 0, 0);
        gauge(registry, MetricNames.FEATURE_ENABLED, sampler, sample -> sample.syncEnabled() ? 1 : 0, 0);
        gauge(
                registry,
                MetricNames.CRON_LAST_RUN_AGE,
                sampler,
                sample -> sample.cron()
                        .flatMap(CronTicks.Ticks::lastRun)
                        .map(last -> Duration.between(last, clock.instant()).toMillis() / 1000.0)
                        .orElse(-1.0),
                -1.0);
        registry.gauge(
                MetricNames.SAMPLE_AGE,
                () -> () -> sampler.observation()
                        .lastSample()
                        .map(sample -> Duration.between(sample.sampledAt(), clock.instant())
                                        .toMillis()
                                / 1000.0)
                        .orElse(-1.0));
    }

    private static <T extends Number> void gauge(
            MetricRegistry registry, String name, QueueSampler sampler, Function<QueueSample, T> value, T none) {
        registry.gauge(name, () -> (Gauge<T>) () -> {
            Optional<QueueSample> sample = sampler.observation().lastSample();
            return sample.map(value).orElse(none);
        });
    }
}
