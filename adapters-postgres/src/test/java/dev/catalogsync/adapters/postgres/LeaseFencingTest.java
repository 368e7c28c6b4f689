package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.DrainSyncEvents.DrainReport;
import dev.catalogsync.application.port.in.ReconcileMirror.ReconcileReport;
import dev.catalogsync.application.port.in.ReconcileMirror.ReconcileRequest;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.SyncBatches;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.application.port.out.WorkerQueue;
import dev.catalogsync.application.service.DrainSyncEventsService;
import dev.catalogsync.application.service.PerformSyncWorkerService;
import dev.catalogsync.application.service.ReconcileMirrorService;
import dev.catalogsync.domain.WorkerRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promise of the fence, on PostgreSQL with the real worker: a worker paused past its lease's time to live (a GC
 * pause, SIGSTOP, a VM migration; here a hook that blocks it right before its batch, with a one-second lease) wakes
 * up to find the lease gone and writes nothing, while another worker drained the queue and synced a project renamed
 * meanwhile; afterwards {@code reconcile} finds no drift. The workers' clocks are an hour apart in either direction:
 * only the database's clock decides.
 */
class LeaseFencingTest {

    private static final int PROJECTS = 200;
    private static final Duration SHORT_TIME_TO_LIVE = Duration.ofSeconds(1);

    private static PostgresTestDatabase database;

    private final PostgresSyncEventQueue queue = new PostgresSyncEventQueue(database.dataSource());
    private final PostgresSyncBatches batches = new PostgresSyncBatches(database.dataSource());
    private final PostgresExclusiveLease lease = new PostgresExclusiveLease(database.dataSource());
    private final PostgresFeatureFlagStore flags = new PostgresFeatureFlagStore(database.dataSource());
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void a_backlog_of_renamed_catalog_projects_and_the_flag_on() {
        database.truncateAll();
        database.execute("INSERT INTO projects (id, name) SELECT g, 'project ' || g FROM generate_series(1, " + PROJECTS
                + ") g");
        database.execute("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects");
        database.execute("UPDATE projects SET name = name || ' renamed'");
        flags.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
    }

    @AfterEach
    void stop_the_threads() {
        threads.shutdownNow();
    }

    private PerformSyncWorkerService worker(ExclusiveLease workersLease, SyncBatches workersBatches, Clock clock) {
        return new PerformSyncWorkerService(
                queue,
                workersBatches,
                workersLease,
                WorkerQueue.NONE,
                new FeatureFlagStates(flags),
                SyncStatistics.NOOP,
                EnqueueStatistics.NOOP,
                clock);
    }

    private static Clock skewed(Duration by) {
        return new SettableClock(Instant.now().plus(by));
    }

    private DrainReport drain(PerformSyncWorkerService worker) {
        return new DrainSyncEventsService(worker, duration -> {}).drain(new BatchSize(50), (run, processed) -> {});
    }

    private long pending() {
        return database.count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1");
    }

    /** Every resource's row version: a write of any of them changes it. */
    private String rowVersions() {
        return database.text("SELECT string_agg(xmin::text, ',' ORDER BY id) FROM catalog_resources");
    }

    @Test
    void a_worker_paused_past_its_lease_writes_nothing_when_it_wakes_and_the_mirror_ends_right() throws Exception {
        CountDownLatch pausedAtItsBatch = new CountDownLatch(1);
        CountDownLatch wakeUp = new CountDownLatch(1);
        ExclusiveLease shortLease = new ExclusiveLease() {
            @Override
            public Optional<Held> tryObtain(String key, Duration timeToLive) {
                return lease.tryObtain(key, SHORT_TIME_TO_LIVE);
            }

            @Override
            public boolean isHeld(String key) {
                return lease.isHeld(key);
            }
        };
        SyncBatches pausingBeforeItsBatch = (fence, limit) -> {
            pausedAtItsBatch.countDown();
            try {
                wakeUp.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return batches.syncNextBatch(fence, limit);
        };
        PerformSyncWorkerService pausedWorker = worker(shortLease, pausingBeforeItsBatch, skewed(Duration.ofHours(1)));
        PerformSyncWorkerService otherWorker = worker(lease, batches, skewed(Duration.ofHours(-1)));

        Future<WorkerRun> paused = threads.submit(() -> pausedWorker.perform(BatchSize.DEFAULT));
        assertThat(pausedAtItsBatch.await(30, TimeUnit.SECONDS)).isTrue();
        await("the paused worker's lease to run out on the database clock")
                .atMost(Duration.ofSeconds(30))
                .until(() -> database.count("SELECT count(*) FROM catalog_sync_exclusive_leases"
                                + " WHERE expires_at <= clock_timestamp()")
                        == 1);
        DrainReport first = drain(otherWorker);
        database.execute("UPDATE projects SET name = 'renamed while the first worker slept' WHERE id = 7");
        DrainReport second = drain(otherWorker);
        String versionsBeforeTheWake = rowVersions();

        wakeUp.countDown();
        WorkerRun woken = paused.get(30, TimeUnit.SECONDS);

        assertThat(woken).isEqualTo(new WorkerRun.LeaseLost(false));
        assertThat(rowVersions()).as("no resource written by the woken worker").isEqualTo(versionsBeforeTheWake);
        assertThat(first.processedEvents() + second.processedEvents()).isEqualTo(PROJECTS + 1);
        assertThat(pending()).isZero();
        assertThat(database.text("SELECT name FROM catalog_resources WHERE project_id = 7"))
                .isEqualTo("renamed while the first worker slept");
        ReconcileReport reconciled = new ReconcileMirrorService(new PostgresMirrorDrift(database.dataSource()))
                .reconcile(ReconcileRequest.check(BatchSize.DEFAULT));
        assertThat(reconciled.checked()).isEqualTo(PROJECTS);
        assertThat(reconciled.drifted()).isZero();
    }

    @Test
    void two_workers_draining_side_by_side_with_clocks_two_hours_apart_process_every_event_once() throws Exception {
        PerformSyncWorkerService ahead = worker(lease, batches, skewed(Duration.ofHours(1)));
        PerformSyncWorkerService behind = worker(lease, batches, skewed(Duration.ofHours(-1)));

        Future<DrainReport> one = threads.submit(() -> drain(ahead));
        Future<DrainReport> other = threads.submit(() -> drain(behind));

        assertThat(one.get(60, TimeUnit.SECONDS).processedEvents()
                        + other.get(60, TimeUnit.SECONDS).processedEvents())
                .as("events processed by the two, each once")
                .isEqualTo(PROJECTS);
        assertThat(pending()).isZero();
        assertThat(new ReconcileMirrorService(new PostgresMirrorDrift(database.dataSource()))
                        .reconcile(ReconcileRequest.check(BatchSize.DEFAULT))
                        .drifted())
                .isZero();
    }
}
