package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.contract.MirroredAttributes;
import dev.catalogsync.application.contract.VisibilityLevel;
import dev.catalogsync.application.fakes.InMemoryCatalog;
import dev.catalogsync.application.fakes.InMemoryExclusiveLease;
import dev.catalogsync.application.fakes.InMemoryFeatureFlagStore;
import dev.catalogsync.application.fakes.InMemorySyncBatches;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.DrainSyncEvents.DrainReport;
import dev.catalogsync.application.port.in.DrainSyncEvents.StopReason;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.application.port.out.WorkerQueue;
import dev.catalogsync.domain.WorkerRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DrainSyncEventsServiceTest {

    private final SettableClock clock = new SettableClock();
    private final InMemoryCatalog catalog = new InMemoryCatalog(clock);
    private final InMemoryExclusiveLease lease = new InMemoryExclusiveLease(clock);
    private final InMemoryFeatureFlagStore flagStore = new InMemoryFeatureFlagStore();
    private final List<Duration> pauses = new ArrayList<>();
    private final List<WorkerRun> runs = new ArrayList<>();
    private ExclusiveLease.Held otherRun;

    private PerformSyncWorkerService worker;
    private DrainSyncEventsService drain;

    @BeforeEach
    void wire() {
        worker = new PerformSyncWorkerService(
                catalog,
                new InMemorySyncBatches(catalog, lease),
                lease,
                WorkerQueue.NONE,
                new FeatureFlagStates(flagStore),
                SyncStatistics.NOOP,
                EnqueueStatistics.NOOP,
                clock);
        // Another process releases the lease after the drain has waited for it twice.
        drain = new DrainSyncEventsService(worker, duration -> {
            pauses.add(duration);
            if (pauses.size() == 2 && otherRun != null) {
                otherRun.close();
            }
        });
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
    }

    private void queueEvents(int count) {
        for (int i = 0; i < count; i++) {
            long project = catalog.createProject(new MirroredAttributes("p" + i, null, VisibilityLevel.PUBLIC));
            catalog.createCatalogResource(project);
            catalog.updateProject(project, new MirroredAttributes("q" + i, null, VisibilityLevel.PUBLIC));
        }
    }

    @Test
    void drains_the_backlog_batch_by_batch_until_the_worker_asks_for_no_more() {
        queueEvents(5);

        DrainReport report = drain.drain(new BatchSize(2), (run, processed) -> runs.add(run));

        assertThat(report).isEqualTo(new DrainReport(3, 5, StopReason.EMPTY_QUEUE));
        assertThat(runs).extracting(WorkerRun::reenqueued).containsExactly(true, true, false);
        assertThat(catalog.hasPending()).isFalse();
        assertThat(pauses).isEmpty();
    }

    @Test
    void an_empty_queue_takes_one_run() {
        assertThat(drain.drain(BatchSize.DEFAULT, (run, processed) -> {}))
                .isEqualTo(new DrainReport(1, 0, StopReason.EMPTY_QUEUE));
    }

    @Test
    void stops_at_once_when_the_flag_is_off() {
        queueEvents(3);
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), false);

        assertThat(drain.drain(BatchSize.DEFAULT, (run, processed) -> {}))
                .isEqualTo(new DrainReport(1, 0, StopReason.FEATURE_FLAG));
        assertThat(catalog.pendingCount()).isEqualTo(3);
    }

    @Test
    void waits_while_another_run_holds_the_lease_and_does_not_give_up() {
        queueEvents(3);
        otherRun = lease.tryObtain(PerformSyncWorkerService.LEASE_KEY, Duration.ofMinutes(1))
                .orElseThrow();

        DrainReport report = drain.drain(BatchSize.DEFAULT, (run, processed) -> runs.add(run));

        assertThat(pauses)
                .containsExactly(DrainSyncEventsService.LEASE_RETRY_DELAY, DrainSyncEventsService.LEASE_RETRY_DELAY);
        assertThat(runs).hasSize(3).first().isEqualTo(new WorkerRun.LeaseBusy(true));
        assertThat(report.processedEvents()).isEqualTo(3);
        assertThat(report.stoppedBy()).isEqualTo(StopReason.EMPTY_QUEUE);
        assertThat(catalog.hasPending()).isFalse();
    }

    @Test
    void an_interrupt_while_waiting_for_the_lease_stops_the_drain_and_says_so() {
        queueEvents(3);
        lease.tryObtain(PerformSyncWorkerService.LEASE_KEY, Duration.ofMinutes(1))
                .orElseThrow();
        DrainSyncEventsService interruptedWhileWaiting = new DrainSyncEventsService(
                worker, duration -> Thread.currentThread().interrupt());

        try {
            DrainReport report = interruptedWhileWaiting.drain(BatchSize.DEFAULT, (run, processed) -> {});

            assertThat(report).isEqualTo(new DrainReport(1, 0, StopReason.INTERRUPTED));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(catalog.pendingCount()).isEqualTo(3);
    }

    @Test
    void a_run_that_lost_its_lease_before_writing_waits_and_tries_again() {
        queueEvents(3);
        int[] obtained = {0};
        ExclusiveLease expiringAfterTheFirstObtain = new ExclusiveLease() {
            @Override
            public Optional<Held> tryObtain(String key, Duration timeToLive) {
                Optional<ExclusiveLease.Held> held = lease.tryObtain(key, timeToLive);
                if (obtained[0]++ == 0) {
                    lease.expire(key);
                }
                return held;
            }

            @Override
            public boolean isHeld(String key) {
                return lease.isHeld(key);
            }
        };
        PerformSyncWorkerService pausedOnce = new PerformSyncWorkerService(
                catalog,
                new InMemorySyncBatches(catalog, lease),
                expiringAfterTheFirstObtain,
                WorkerQueue.NONE,
                new FeatureFlagStates(flagStore),
                SyncStatistics.NOOP,
                EnqueueStatistics.NOOP,
                clock);

        DrainReport report = new DrainSyncEventsService(pausedOnce, pauses::add)
                .drain(BatchSize.DEFAULT, (run, processed) -> runs.add(run));

        assertThat(runs).first().isEqualTo(new WorkerRun.LeaseLost(true));
        assertThat(pauses).containsExactly(DrainSyncEventsService.LEASE_RETRY_DELAY);
        assertThat(report).isEqualTo(new DrainReport(2, 3, StopReason.EMPTY_QUEUE));
        assertThat(catalog.hasPending()).isFalse();
    }
}
