package dev.catalogsync.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import dev.catalogsync.domain.BatchResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DropwizardSyncStatisticsTest {

    private final MetricRegistry registry = new MetricRegistry();
    private final DropwizardSyncStatistics statistics = new DropwizardSyncStatistics(registry);

    @Test
    void records_each_batch_its_events_and_the_latest_backlog_estimate() {
        statistics.batchProcessed(new BatchResult(2500, 1000, 1000), Duration.ofMillis(30));
        statistics.batchProcessed(new BatchResult(1500, 500, 500), Duration.ofMillis(20));
        statistics.batchProcessed(BatchResult.nothingConsumable(0), Duration.ofMillis(1));

        assertThat(registry.timer("catalog_sync.worker.batches").getCount()).isEqualTo(3);
        assertThat(registry.meter("catalog_sync.worker.processed_events").getCount())
                .isEqualTo(1500);
        assertThat(registry.histogram("catalog_sync.worker.consumable_events")
                        .getSnapshot()
                        .getMax())
                .isEqualTo(1000);
        assertThat(registry.getGauges()
                        .get("catalog_sync.worker.estimated_total_events")
                        .getValue())
                .isEqualTo(0L);
    }

    @Test
    void counts_runs_that_found_the_lease_busy_lost_it_or_found_the_flag_off() {
        statistics.leaseBusy();
        statistics.leaseBusy();
        statistics.leaseLost();
        statistics.flagDisabled();

        assertThat(registry.meter("catalog_sync.worker.lease_busy").getCount()).isEqualTo(2);
        assertThat(registry.meter("catalog_sync.worker.lease_lost").getCount()).isEqualTo(1);
        assertThat(registry.meter("catalog_sync.worker.flag_disabled").getCount())
                .isEqualTo(1);
    }
}
