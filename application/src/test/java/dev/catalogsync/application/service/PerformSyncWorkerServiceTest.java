package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.application.contract.MirroredAttributes;
import dev.catalogsync.application.contract.VisibilityLevel;
import dev.catalogsync.application.fakes.InMemoryCatalog;
import dev.catalogsync.application.fakes.InMemoryExclusiveLease;
import dev.catalogsync.application.fakes.InMemoryFeatureFlagStore;
import dev.catalogsync.application.fakes.InMemorySyncBatches;
import dev.catalogsync.application.fakes.RecordingWorkerQueue;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.EnqueueStatistics.EnqueuePath;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.WorkerRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the one worker service reports besides its result: GitLab's spec of the behaviour runs in
 * {@code PerformSyncWorkerContract}; here, that the flag check, the lease and the batch each tell the statistics.
 */
class PerformSyncWorkerServiceTest {

    private final SettableClock clock = new SettableClock();
    private final InMemoryCatalog catalog = new InMemoryCatalog(clock);
    private final InMemoryExclusiveLease lease = new InMemoryExclusiveLease(clock);
    private final InMemoryFeatureFlagStore flagStore = new InMemoryFeatureFlagStore();
    private final RecordingWorkerQueue workerQueue = new RecordingWorkerQueue();
    private final RecordingStatistics statistics = new RecordingStatistics();
    private final PerformSyncWorkerService worker = new PerformSyncWorkerService(
            catalog,
            new InMemorySyncBatches(catalog, lease),
            lease,
            workerQueue,
            new FeatureFlagStates(flagStore),
            statistics,
            EnqueueStatistics.NOOP,
            clock);

    /** Tells what it was told, in order. */
    private static final class RecordingStatistics implements SyncStatistics {

        private final List<String> told = new ArrayList<>();

        @Override
        public void batchProcessed(BatchResult result, Duration took) {
            told.add("batchProcessed " + result);
        }

        @Override
        public void leaseBusy() {
            told.add("leaseBusy");
        }

        @Override
        public void flagDisabled() {
            told.add("flagDisabled");
        }

        @Override
        public void performed(WorkerRun run, Instant startedAt, Duration took) {
            told.add("performed " + run.getClass().getSimpleName() + " in " + took.toMillis() + " ms");
        }

        @Override
        public void performFailed(RuntimeException failure, Instant startedAt, Duration took) {
            told.add("performFailed " + failure.getMessage());
        }

        @Override
        public void leaseLost() {
            told.add("leaseLost");
        }
    }

    private void queueEvents(int count) {
        for (int i = 0; i < count; i++) {
            long project = catalog.createProject(new MirroredAttributes("p" + i, null, VisibilityLevel.PUBLIC));
            catalog.createCatalogResource(project);
            catalog.updateProject(project, new MirroredAttributes("q" + i, null, VisibilityLevel.PUBLIC));
        }
    }

    @Test
    void with_the_flag_off_it_tells_the_statistics_and_touches_neither_the_lease_nor_the_queue() {
        queueEvents(2);
        ExclusiveLease.Held other = lease.tryObtain(PerformSyncWorkerService.LEASE_KEY, Duration.ofMinutes(1))
                .orElseThrow();

        assertThat(worker.perform(BatchSize.DEFAULT)).isEqualTo(new WorkerRun.FlagDisabled());

        assertThat(statistics.told).containsExactly("flagDisabled", "performed FlagDisabled in 0 ms");
        assertThat(catalog.pendingCount()).isEqualTo(2);
        assertThat(workerQueue.enqueued()).isZero();
        other.close();
    }

    @Test
    void a_held_lease_is_told_as_lease_busy() {
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
        queueEvents(2);
        ExclusiveLease.Held other = lease.tryObtain(PerformSyncWorkerService.LEASE_KEY, Duration.ofMinutes(1))
                .orElseThrow();

        assertThat(worker.perform(BatchSize.DEFAULT)).isEqualTo(new WorkerRun.LeaseBusy(true));

        assertThat(statistics.told).containsExactly("leaseBusy", "performed LeaseBusy in 0 ms");
        other.close();
    }

    @Test
    void a_batch_is_told_with_its_result() {
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
        queueEvents(3);

        long estimatedTotal = catalog.pendingRange().orElseThrow().estimatedTotal();

        assertThat(worker.perform(new BatchSize(2)))
                .isEqualTo(new WorkerRun.Processed(new BatchResult(estimatedTotal, 2, 2), true));

        assertThat(statistics.told)
                .containsExactly(
                        "batchProcessed " + new BatchResult(estimatedTotal, 2, 2), "performed Processed in 0 ms");
        assertThat(workerQueue.enqueued()).isEqualTo(1);
    }

    @Test
    void a_failing_store_is_told_as_a_failed_perform_and_the_failure_passes_on() {
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
        ExclusiveLease failingLease = new ExclusiveLease() {
            @Override
            public java.util.Optional<Held> tryObtain(String key, Duration timeToLive) {
                throw new IllegalStateException("the database does not answer");
            }

            @Override
            public boolean isHeld(String key) {
                return false;
            }
        };
        PerformSyncWorkerService failing = new PerformSyncWorkerService(
                catalog,
                new InMemorySyncBatches(catalog, lease),
                failingLease,
                workerQueue,
                new FeatureFlagStates(flagStore),
                statistics,
                EnqueueStatistics.NOOP,
                clock);

        assertThatThrownBy(() -> failing.perform(BatchSize.DEFAULT)).hasMessage("the database does not answer");

        assertThat(statistics.told).containsExactly("performFailed the database does not answer");
    }

    @Test
    void a_reenqueue_is_told_as_the_worker_path_enqueueing() {
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
        queueEvents(3);
        List<String> decisions = new ArrayList<>();
        PerformSyncWorkerService counted = new PerformSyncWorkerService(
                catalog,
                new InMemorySyncBatches(catalog, lease),
                lease,
                workerQueue,
                new FeatureFlagStates(flagStore),
                statistics,
                new EnqueueStatistics() {
                    @Override
                    public void pathDecided(EnqueuePath path, String outcome) {
                        decisions.add(path.label() + " " + outcome);
                    }
                },
                clock);

        counted.perform(new BatchSize(2));
        counted.perform(new BatchSize(2));

        assertThat(decisions).containsExactly("worker enqueued");
    }

    @Test
    void a_run_paused_past_its_lease_writes_nothing_and_is_told_as_lease_lost() {
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
        queueEvents(2);
        ExclusiveLease pausedPastTheTimeToLive = new ExclusiveLease() {
            @Override
            public Optional<Held> tryObtain(String key, Duration timeToLive) {
                Optional<ExclusiveLease.Held> held = lease.tryObtain(key, timeToLive);
                clock.advance(timeToLive.plusSeconds(1));
                return held;
            }

            @Override
            public boolean isHeld(String key) {
                return lease.isHeld(key);
            }
        };
        PerformSyncWorkerService paused = new PerformSyncWorkerService(
                catalog,
                new InMemorySyncBatches(catalog, lease),
                pausedPastTheTimeToLive,
                workerQueue,
                new FeatureFlagStates(flagStore),
                statistics,
                EnqueueStatistics.NOOP,
                clock);

        assertThat(paused.perform(BatchSize.DEFAULT)).isEqualTo(new WorkerRun.LeaseLost(true));

        assertThat(statistics.told).startsWith("leaseLost");
        assertThat(catalog.pendingCount()).isEqualTo(2);
        assertThat(catalog.events())
                .allSatisfy(event -> assertThat(event.isPending()).isTrue());
        assertThat(workerQueue.enqueued()).isEqualTo(1);
    }
}
