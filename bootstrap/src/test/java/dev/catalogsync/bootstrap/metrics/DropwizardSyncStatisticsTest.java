package dev.catalogsync.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import dev.catalogsync.application.port.out.EnqueueStatistics.EnqueuePath;
import dev.catalogsync.application.port.out.EnqueueStatistics.QueueOutcome;
import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.WorkerRun;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DropwizardSyncStatisticsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final MetricRegistry registry = new MetricRegistry();
    private final DropwizardSyncStatistics statistics = new DropwizardSyncStatistics(registry);
    private final DropwizardEnqueueStatistics enqueues = new DropwizardEnqueueStatistics(registry);

    @Test
    void each_perform_is_timed_once_and_each_batch_counts_its_processed_events() {
        statistics.batchProcessed(new BatchResult(2500, 1000, 1000), Duration.ofMillis(30));
        statistics.performed(
                new WorkerRun.Processed(new BatchResult(2500, 1000, 1000), true), NOW, Duration.ofMillis(31));
        statistics.batchProcessed(BatchResult.nothingConsumable(0), Duration.ofMillis(1));
        statistics.performed(new WorkerRun.Processed(BatchResult.nothingConsumable(0), false), NOW, Duration.ZERO);
        statistics.performFailed(new IllegalStateException("down"), NOW, Duration.ofMillis(5));

        assertThat(registry.timer(MetricNames.WORKER_DURATION).getCount()).isEqualTo(3);
        assertThat(registry.meter(MetricNames.EVENTS_PROCESSED).getCount()).isEqualTo(1000);
        assertThat(registry.histogram(MetricNames.WORKER_CONSUMABLE_EVENTS)
                        .getSnapshot()
                        .getMax())
                .isEqualTo(1000);
        assertThat(registry.counter(MetricNames.WORKER_FAILED).getCount()).isEqualTo(1);
    }

    @Test
    void skips_are_counted_by_reason_lease_taken_lease_lost_and_flag_off() {
        statistics.leaseBusy();
        statistics.leaseBusy();
        statistics.leaseLost();
        statistics.flagDisabled();

        assertThat(registry.counter("catalog_sync.worker.skipped.lease_taken").getCount())
                .isEqualTo(2);
        assertThat(registry.counter("catalog_sync.worker.skipped.lease_lost").getCount())
                .isEqualTo(1);
        assertThat(registry.counter("catalog_sync.worker.skipped.flag_off").getCount())
                .isEqualTo(1);
    }

    @Test
    void enqueues_are_counted_by_path_and_outcome_and_by_what_the_queue_made_of_them() {
        enqueues.pathDecided(EnqueuePath.CALLBACK, "enqueued");
        enqueues.pathDecided(EnqueuePath.CALLBACK, "enqueued");
        enqueues.pathDecided(EnqueuePath.POLL, "nothing_pending");
        enqueues.queue(QueueOutcome.ENQUEUED);
        enqueues.queue(QueueOutcome.DEDUPLICATED);
        enqueues.queue(QueueOutcome.RESCHEDULED);

        assertThat(enqueues.byPathAndOutcome())
                .containsEntry("callback", new java.util.TreeMap<>(java.util.Map.of("enqueued", 2L)))
                .containsEntry("poll", new java.util.TreeMap<>(java.util.Map.of("nothing_pending", 1L)));
        assertThat(registry.counter(MetricNames.WORKER_ENQUEUED).getCount()).isEqualTo(1);
        assertThat(registry.counter(MetricNames.WORKER_DEDUPLICATED).getCount()).isEqualTo(1);
        assertThat(registry.counter(MetricNames.WORKER_RESCHEDULED).getCount()).isEqualTo(1);
    }

    @Test
    void prometheus_gets_one_labelled_family_per_reason_path_and_step() {
        statistics.leaseBusy();
        enqueues.pathDecided(EnqueuePath.CRON, "deduplicated");
        new DropwizardPartitionStatistics(registry).roundCompleted(1, 0, 2, 0, 1);

        String scrape = new PrometheusEndpoint(registry).scrape();

        assertThat(scrape)
                .contains(
                        "catalog_sync_worker_skipped_total{reason=\"lease_taken\"} 1.0",
                        "catalog_sync_worker_skipped_total{reason=\"flag_off\"} 0.0",
                        "catalog_sync_enqueues_total{outcome=\"deduplicated\",path=\"cron\"} 1.0",
                        "catalog_sync_partitions_steps_total{step=\"detached\"} 2.0",
                        "catalog_sync_partitions_rounds_total 1.0",
                        "catalog_sync_worker_duration_count 0");
    }
}
