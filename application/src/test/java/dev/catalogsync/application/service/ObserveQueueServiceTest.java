package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.contract.MirroredAttributes;
import dev.catalogsync.application.contract.VisibilityLevel;
import dev.catalogsync.application.fakes.InMemoryCatalog;
import dev.catalogsync.application.fakes.InMemoryExclusiveLease;
import dev.catalogsync.application.fakes.InMemoryFeatureFlagStore;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.ObserveQueue.QueueSample;
import dev.catalogsync.application.port.out.CronTicks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sample behind the gauges and readiness: cheap figures, each as the queue, the lease and the cron say. */
class ObserveQueueServiceTest {

    private final SettableClock clock = new SettableClock();
    private final InMemoryCatalog catalog = new InMemoryCatalog(clock);
    private final InMemoryExclusiveLease lease = new InMemoryExclusiveLease(clock);
    private final InMemoryFeatureFlagStore flagStore = new InMemoryFeatureFlagStore();
    private final CronTicks.Ticks ticks = new CronTicks.Ticks(
            Instant.parse("2026-03-01T10:01:00Z"), Optional.of(Instant.parse("2026-03-01T10:00:00Z")));
    private final ObserveQueueService observe = new ObserveQueueService(
            catalog, catalog, lease, new FeatureFlagStates(flagStore), () -> Optional.of(ticks), clock);

    @Test
    void an_idle_queue_samples_as_empty_with_the_flag_and_the_cron() {
        QueueSample sample = observe.sample();

        assertThat(sample)
                .isEqualTo(new QueueSample(clock.instant(), 0, Duration.ZERO, false, false, Optional.of(ticks)));
    }

    @Test
    void a_backlog_samples_its_estimate_its_oldest_age_and_the_lease() {
        for (int i = 0; i < 3; i++) {
            long project = catalog.createProject(new MirroredAttributes("p" + i, null, VisibilityLevel.PUBLIC));
            catalog.createCatalogResource(project);
            catalog.updateProject(project, new MirroredAttributes("q" + i, null, VisibilityLevel.PUBLIC));
        }
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
        lease.tryObtain(PerformSyncWorkerService.LEASE_KEY, Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(42));

        long estimatedTotal = catalog.pendingRange().orElseThrow().estimatedTotal();

        QueueSample sample = observe.sample();

        assertThat(sample.estimatedTotalEvents()).isEqualTo(estimatedTotal);
        assertThat(sample.oldestPendingAge()).isEqualTo(Duration.ofSeconds(42));
        assertThat(sample.leaseHeld()).isTrue();
        assertThat(sample.syncEnabled()).isTrue();
    }
}
