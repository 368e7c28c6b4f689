package dev.catalogsync.adapters.scheduler.outbound.queue;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import dev.catalogsync.adapters.postgres.PostgresExclusiveLease;
import dev.catalogsync.adapters.postgres.PostgresFeatureFlagStore;
import dev.catalogsync.adapters.postgres.PostgresSyncBatches;
import dev.catalogsync.adapters.postgres.PostgresSyncEventQueue;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.adapters.scheduler.inbound.cron.WorkerCron;
import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.PerformSyncWorker;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.application.service.PerformSyncWorkerService;
import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.WorkerRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job queue on db-scheduler, with the cron as the service starts it, against a real, migrated PostgreSQL, driven by db-scheduler's manual
 * scheduler: nothing runs until a test says "run what is due", and time moves only when a test moves it.
 */
class SyncWorkerSchedulerTest {

    /**
     * Half a minute past a minute near the real time: db-scheduler revives a dead execution at the system
     * clock's time, whatever clock the scheduler was given.
     */
    private static final Instant MINUTE = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    private static final Instant START = MINUTE.plusSeconds(30);

    private static PostgresTestDatabase database;

    private final SchedulerTables tables = new SchedulerTables(database);
    private final SettableClock time = new SettableClock();
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return time.now();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    /** Every try to queue the worker job, by any instance: with a worker that never re-enqueues, the cron's. */
    private final AtomicInteger slotAttempts = new AtomicInteger();

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void start_every_test_with_empty_tables() {
        database.truncateAll();
        tables.empty();
        time.set(START);
    }

    /** A worker that records its performs and runs {@code during} inside each, as the service's re-enqueue would. */
    private static final class RecordingWorker implements PerformSyncWorker {
        final AtomicInteger performs = new AtomicInteger();
        Runnable during = () -> {};

        @Override
        public WorkerRun perform(BatchSize batchSize) {
            performs.incrementAndGet();
            during.run();
            return new WorkerRun.Processed(BatchResult.nothingConsumable(0), false);
        }
    }

    private record Instance(SyncWorkerScheduler scheduler, UntilExecutedWorkerQueue queue) {
        ManualScheduler manual() {
            return (ManualScheduler) scheduler.scheduler();
        }
    }

    private Instance instance(String name, PerformSyncWorker worker, SchedulerSettings settings) {
        DbSchedulerJobSlot slot =
                new DbSchedulerJobSlot(SyncWorkerScheduler.WORKER_TASK, SyncWorkerScheduler.WORKER_INSTANCE, clock);
        JobSlot counted = delay -> {
            slotAttempts.incrementAndGet();
            return slot.queueIfAbsent(delay);
        };
        UntilExecutedWorkerQueue queue = new UntilExecutedWorkerQueue(
                counted, new JdbcRescheduleRequests(database.dataSource(), SyncWorkerScheduler.WORKER_TASK));
        WorkerCron cron = new WorkerCron(WorkerCron.GITLAB_CRON, queue);
        SyncWorkerScheduler scheduler = new SyncWorkerScheduler(worker, queue, slot, settings, clock, workerTask -> {
            TestHelper.ManualSchedulerBuilder builder = TestHelper.createManualScheduler(
                            database.dataSource(), workerTask)
                    .clock(time);
            builder.tableName(SyncWorkerScheduler.TABLE);
            builder.heartbeatInterval(SyncWorkerScheduler.HEARTBEAT_INTERVAL)
                    .schedulerName(new SchedulerName.Fixed(name))
                    .startTasks(List.of(cron.task()));
            return (ManualScheduler) builder.build();
        });
        scheduler.start();
        return new Instance(scheduler, queue);
    }

    private Instance instance(PerformSyncWorker worker) {
        return instance("instance-a", worker, settings(BatchSize.DEFAULT));
    }

    /** Runs that give up within two seconds, retrying every few milliseconds: failing tests stay short. */
    private static final RunLimits QUICK =
            new RunLimits(Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(50));

    private static SchedulerSettings settings(BatchSize batchSize) {
        return new SchedulerSettings(batchSize, "test", Duration.ofMillis(200), QUICK);
    }

    /** Runs what is due until no worker job is left, as instances polling would; bounded. */
    private static void runUntilNoWorkerJob(Instance instance, SchedulerTables tables) {
        instance.manual().runAnyDueExecutions();
        for (int round = 0; round < 50 && tables.workerJobs() > 0; round++) {
            instance.manual().runAnyDueExecutions();
        }
        assertThat(tables.workerJobs()).as("worker jobs left").isZero();
    }

    @Test
    void enqueues_while_a_run_is_queued_leave_one_job_and_make_one_run() {
        RecordingWorker worker = new RecordingWorker();
        Instance instance = instance(worker);

        assertThat(instance.queue().tryEnqueue()).isEqualTo(EnqueueOutcome.QUEUED);
        assertThat(instance.queue().tryEnqueue()).isEqualTo(EnqueueOutcome.DEDUPLICATED);
        assertThat(instance.queue().tryEnqueue()).isEqualTo(EnqueueOutcome.DEDUPLICATED);
        assertThat(tables.workerJobs()).isEqualTo(1);

        runUntilNoWorkerJob(instance, tables);

        assertThat(worker.performs).hasValue(1);
    }

    @Test
    void enqueues_dropped_while_the_run_executes_make_exactly_one_more_run() {
        RecordingWorker worker = new RecordingWorker();
        Instance instance = instance(worker);
        List<EnqueueOutcome> duringFirstRun = new ArrayList<>();
        worker.during = () -> {
            if (worker.performs.get() == 1) {
                for (int i = 0; i < 3; i++) {
                    duringFirstRun.add(instance.queue().tryEnqueue());
                }
            }
        };
        instance.queue().enqueue();

        instance.manual().runAnyDueExecutions();
        assertThat(duringFirstRun).containsOnly(EnqueueOutcome.DEDUPLICATED).hasSize(3);
        assertThat(tables.workerJobs()).as("the one more run, queued").isEqualTo(1);

        runUntilNoWorkerJob(instance, tables);
        assertThat(worker.performs).hasValue(2);
        assertThat(tables.count("SELECT count(*) FROM catalog_sync_reschedule_requests"))
                .isZero();
    }

    @Test
    void the_re_enqueue_chain_drains_a_backlog_batch_by_batch() {
        database.world();
        tables.execute("INSERT INTO projects (id, name) SELECT g, 'p' || g FROM generate_series(1, 25) g");
        tables.execute("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects");
        tables.execute("UPDATE projects SET name = name || ' renamed'");
        PostgresFeatureFlagStore flagStore = new PostgresFeatureFlagStore(database.dataSource());
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
        List<WorkerRun> runs = new ArrayList<>();
        UntilExecutedWorkerQueue[] queueOfTheInstance = new UntilExecutedWorkerQueue[1];
        PerformSyncWorkerService syncWorker = new PerformSyncWorkerService(
                new PostgresSyncEventQueue(database.dataSource()),
                new PostgresSyncBatches(database.dataSource()),
                new PostgresExclusiveLease(database.dataSource()),
                () -> queueOfTheInstance[0].enqueue(),
                new FeatureFlagStates(flagStore),
                SyncStatistics.NOOP,
                EnqueueStatistics.NOOP,
                clock);
        Instance instance = instance(
                "instance-a",
                batchSize -> {
                    WorkerRun run = syncWorker.perform(batchSize);
                    runs.add(run);
                    return run;
                },
                settings(new BatchSize(10)));
        queueOfTheInstance[0] = instance.queue();

        instance.queue().enqueue();
        runUntilNoWorkerJob(instance, tables);

        assertThat(runs).extracting(WorkerRun::reenqueued).containsExactly(true, true, false);
        assertThat(tables.count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1"))
                .isZero();
        assertThat(tables.count("SELECT count(*) FROM catalog_resources c JOIN projects p ON p.id = c.project_id "
                        + "WHERE c.name = p.name"))
                .isEqualTo(25);
    }

    @Test
    void the_cron_enqueues_the_worker_at_each_tick() {
        RecordingWorker worker = new RecordingWorker();
        Instance instance = instance(worker);

        instance.manual().runAnyDueExecutions();
        assertThat(worker.performs).as("before the first tick").hasValue(0);

        time.set(MINUTE.plus(Duration.ofMinutes(1)));
        runUntilNoWorkerJob(instance, tables);
        assertThat(worker.performs).hasValue(1);

        time.set(MINUTE.plus(Duration.ofMinutes(2)));
        runUntilNoWorkerJob(instance, tables);
        assertThat(worker.performs).hasValue(2);
        assertThat(slotAttempts).as("cron enqueues").hasValue(2);
    }

    @Test
    void the_cron_fires_once_per_minute_for_the_whole_cluster() {
        RecordingWorker worker = new RecordingWorker();
        Instance first = instance("instance-a", worker, settings(BatchSize.DEFAULT));
        Instance second = instance("instance-b", worker, settings(BatchSize.DEFAULT));

        for (int minute = 1; minute <= 3; minute++) {
            time.set(MINUTE.plus(Duration.ofMinutes(minute)));
            first.manual().runAnyDueExecutions();
            second.manual().runAnyDueExecutions();
            second.manual().runAnyDueExecutions();
            first.manual().runAnyDueExecutions();
        }

        assertThat(slotAttempts).as("cron enqueues").hasValue(3);
        assertThat(worker.performs).hasValue(3);
        assertThat(tables.count("SELECT count(*) FROM catalog_sync_scheduled_tasks WHERE task_name = '"
                        + WorkerCron.TASK_NAME + "'"))
                .isEqualTo(1);
    }

    @Test
    void a_run_left_executing_by_a_dead_instance_holds_the_slot_for_at_most_the_deduplication_ttl() {
        RecordingWorker worker = new RecordingWorker();
        Instance survivor = instance(worker);
        survivor.queue().enqueue();
        tables.pickWorkerJobByADeadInstance(time.now());

        assertThat(survivor.queue().tryEnqueue()).isEqualTo(EnqueueOutcome.DEDUPLICATED);
        time.tick(UntilExecutedWorkerQueue.DEDUPLICATION_TTL.minusSeconds(1));
        survivor.manual().runDeadExecutionDetection();
        survivor.manual().runAnyDueExecutions();
        assertThat(worker.performs).as("within the TTL").hasValue(0);

        time.tick(Duration.ofSeconds(2));
        survivor.manual().runDeadExecutionDetection();
        runUntilNoWorkerJob(survivor, tables);

        assertThat(worker.performs).as("after the TTL").hasValue(1);
        assertThat(tables.count("SELECT count(*) FROM catalog_sync_reschedule_requests"))
                .isZero();
    }

    @Test
    void a_run_whose_perform_fails_for_a_while_performs_again_in_place_and_keeps_its_job_meanwhile() {
        RecordingWorker worker = new RecordingWorker();
        List<Long> jobsWhileFailing = new ArrayList<>();
        worker.during = () -> {
            if (worker.performs.get() <= 2) {
                jobsWhileFailing.add(tables.workerJobs());
                throw new IllegalStateException("database went away");
            }
        };
        Instance instance = instance(worker);
        instance.queue().enqueue();

        instance.manual().runAnyDueExecutions();

        assertThat(worker.performs).hasValue(3);
        assertThat(jobsWhileFailing)
                .as("the job, still there while the run retries")
                .containsOnly(1L);
        assertThat(tables.workerJobs()).as("freed once the run completed").isZero();
        assertThat(instance.queue().tryEnqueue()).isEqualTo(EnqueueOutcome.QUEUED);
    }

    @Test
    void a_run_that_keeps_failing_gives_up_at_its_maximum_duration_frees_its_job_and_is_tried_again() {
        RecordingWorker worker = new RecordingWorker();
        worker.during = () -> {
            if (worker.performs.get() == 1
                    || time.now().isBefore(START.plus(SyncWorkerScheduler.FAILURE_RETRY_DELAY))) {
                throw new IllegalStateException("database went away");
            }
        };
        Instance instance = instance(worker);
        instance.queue().enqueue();

        instance.manual().runAnyDueExecutions();

        assertThat(worker.performs).as("tries within the maximum duration").hasValueGreaterThan(2);
        assertThat(tables.count("SELECT count(*) FROM catalog_sync_scheduled_tasks WHERE task_name = '"
                        + SyncWorkerScheduler.WORKER_TASK + "' AND NOT picked"))
                .as("the run queued again, not picked")
                .isEqualTo(1);

        int triesOfTheFirstRun = worker.performs.get();
        time.tick(SyncWorkerScheduler.FAILURE_RETRY_DELAY);
        runUntilNoWorkerJob(instance, tables);
        assertThat(worker.performs).as("the retry, which succeeds").hasValue(triesOfTheFirstRun + 1);
    }

    @Test
    void a_run_past_its_maximum_duration_is_abandoned_its_job_freed_and_queued_again() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        RecordingWorker worker = new RecordingWorker();
        worker.during = () -> {
            if (worker.performs.get() == 1) {
                awaitUninterruptibly(stuck);
            }
        };
        Instance instance = instance(worker);
        instance.queue().enqueue();
        try {
            instance.manual().runAnyDueExecutions();

            assertThat(tables.count("SELECT count(*) FROM catalog_sync_scheduled_tasks WHERE task_name = '"
                            + SyncWorkerScheduler.WORKER_TASK + "' AND NOT picked"))
                    .as("the abandoned run's job, freed and queued again")
                    .isEqualTo(1);
        } finally {
            stuck.countDown();
        }
        time.tick(SyncWorkerScheduler.FAILURE_RETRY_DELAY);
        runUntilNoWorkerJob(instance, tables);
        assertThat(worker.performs).hasValue(2);
    }

    /** A call that ignores interrupts, as a JDBC call blocked on a socket does. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                if (latch.await(30, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
