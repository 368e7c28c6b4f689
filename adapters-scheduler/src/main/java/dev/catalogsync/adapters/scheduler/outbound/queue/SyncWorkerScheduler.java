package dev.catalogsync.adapters.scheduler.outbound.queue;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.SchedulerState;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.catalogsync.adapters.scheduler.outbound.pause.SleepingPause;
import dev.catalogsync.application.port.in.PerformSyncWorker;
import dev.catalogsync.domain.WorkerRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The consuming side of the worker queue, on db-scheduler, which keeps it in PostgreSQL ({@code catalog_sync_scheduled_tasks}),
 * so that several instances behave as one without Redis or Sidekiq:
 *
 * <ul>
 *   <li>the <b>worker job</b>: one execution with a fixed instance id, run by whichever instance picks it
 *       ({@code SELECT ... FOR UPDATE SKIP LOCKED}); its queue semantics are {@link UntilExecutedWorkerQueue}'s;</li>
 *   <li><b>dead instances</b>: every instance heartbeats the jobs it runs; a job without a heartbeat for
 *       {@link UntilExecutedWorkerQueue#DEDUPLICATION_TTL} is declared dead by another instance and run again.
 *       That matches the worker's lease time to live, so a killed instance holds neither longer.</li>
 *   <li><b>bounded runs</b> ({@link RunLimits}): a run whose perform fails performs again in place, keeping its job,
 *       so that the first try after a database outage resumes the sync; no run keeps its job longer than the
 *       maximum run duration, after which it is abandoned, its job freed and queued again.</li>
 * </ul>
 *
 * <p>The same scheduler also runs the cluster-wide recurring tasks it is given: the inbound side's cron and queue
 * upkeep ({@code inbound.cron}). db-scheduler needs them when it is built, so they come in as tasks; what they
 * do is not this class's business.
 *
 * <p>A run logs one line as Sidekiq's "done" line ({@link WorkerDoneLine}): status, duration and GitLab's results hash.
 */
public final class SyncWorkerScheduler implements AutoCloseable {

    /**
     * db-scheduler's table under our prefix: a host application may run db-scheduler on its own
     * {@code scheduled_tasks}.
     */
    public static final String TABLE = "catalog_sync_scheduled_tasks";

    /** The worker job's task name in {@code catalog_sync_scheduled_tasks}. */
    public static final String WORKER_TASK = "ci-catalog-resources-process-sync-events";

    /** Its only instance id: one id is what makes the job unique across the cluster. */
    public static final String WORKER_INSTANCE = "until-executed";

    /** How often a running job's heartbeat is written. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

    /** Missed heartbeats after which a job is dead: {@code HEARTBEAT_INTERVAL} times this is the TTL. */
    public static final int MISSED_HEARTBEATS_LIMIT =
            (int) (UntilExecutedWorkerQueue.DEDUPLICATION_TTL.toMillis() / HEARTBEAT_INTERVAL.toMillis());

    /** Another run found the lease held (a CLI drain, or a dead instance's lease): wait this long before retrying. */
    public static final Duration LEASE_BUSY_RETRY_DELAY = Duration.ofSeconds(1);

    /** A run failed (the database is down, most likely): the one more run, if requested, waits this long. */
    public static final Duration FAILURE_RETRY_DELAY = Duration.ofSeconds(5);

    /** The longest {@link #close()} waits for a running job; a batch takes milliseconds. */
    public static final Duration SHUTDOWN_MAX_WAIT = Duration.ofSeconds(5);

    /**
     * The worker job, the cron and an upkeep task may run at the same time; the worker job never runs twice at
     * once, and an upkeep round waiting on a lock does not hold up a batch.
     */
    static final int THREADS = 3;

    private final Scheduler scheduler;
    private final UntilExecutedWorkerQueue queue;
    private final PerformSyncWorker worker;
    private final SchedulerSettings settings;
    private final Clock clock;
    private final BoundedRuns runs;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final WorkerDoneLine doneLine = new WorkerDoneLine(WORKER_TASK);
    /** The run executing now, if any: its job id and start, for the failure line. */
    private volatile RunningJob running;

    private record RunningJob(String jobId, Instant started) {}

    /**
     * Builds the scheduler for production: polling, heartbeats and shutdown as the constants above say.
     *
     * @param slot the queue's slot, which this attaches to the scheduler
     * @param recurring the cluster-wide recurring tasks to start (schedule once) with the scheduler: the cron
     *     and the queue's upkeep
     */
    public static SyncWorkerScheduler create(
            DataSource dataSource,
            PerformSyncWorker worker,
            UntilExecutedWorkerQueue queue,
            DbSchedulerJobSlot slot,
            SchedulerSettings settings,
            Clock clock,
            List<RecurringTask<Void>> recurring) {
        return create(dataSource, worker, queue, slot, settings, clock, recurring, StatsRegistry.NOOP);
    }

    /**
     * As {@link #create(DataSource, PerformSyncWorker, UntilExecutedWorkerQueue, DbSchedulerJobSlot,
     * SchedulerSettings, Clock, List)}, with db-scheduler's own statistics (polls, executions, failed heartbeats,
     * dead executions) reported to {@code stats}.
     */
    public static SyncWorkerScheduler create(
            DataSource dataSource,
            PerformSyncWorker worker,
            UntilExecutedWorkerQueue queue,
            DbSchedulerJobSlot slot,
            SchedulerSettings settings,
            Clock clock,
            List<RecurringTask<Void>> recurring,
            StatsRegistry stats) {
        List<RecurringTask<Void>> startTasks = List.copyOf(recurring);
        return new SyncWorkerScheduler(
                worker,
                queue,
                slot,
                settings,
                clock,
                workerTask -> Scheduler.create(dataSource, workerTask)
                        .tableName(TABLE)
                        .threads(THREADS)
                        .pollingInterval(settings.pollingInterval())
                        .heartbeatInterval(HEARTBEAT_INTERVAL)
                        .missedHeartbeatsLimit(MISSED_HEARTBEATS_LIMIT)
                        .enableImmediateExecution()
                        .schedulerName(new SchedulerName.Fixed(settings.schedulerName()))
                        .shutdownMaxWait(SHUTDOWN_MAX_WAIT)
                        .clock(clock::instant)
                        .startTasks(startTasks)
                        .statsRegistry(stats)
                        .build());
    }

    /**
     * Builds around a scheduler made by {@code schedulerFactory} from this class's worker task: tests pass one
     * that builds db-scheduler's manual scheduler with a settable clock.
     */
    public SyncWorkerScheduler(
            PerformSyncWorker worker,
            UntilExecutedWorkerQueue queue,
            DbSchedulerJobSlot slot,
            SchedulerSettings settings,
            Clock clock,
            Function<CustomTask<Void>, ? extends Scheduler> schedulerFactory) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runs = new BoundedRuns(settings.runLimits(), new SleepingPause());
        this.scheduler = schedulerFactory.apply(workerTask());
        slot.attach(scheduler);
    }

    private CustomTask<Void> workerTask() {
        return Tasks.custom(WORKER_TASK, Void.class)
                .onFailure(this::runFailed)
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .execute((instance, context) -> {
                    Instant started = clock.instant();
                    String jobId = WorkerDoneLine.newJobId();
                    running = new RunningJob(jobId, started);
                    BoundedRuns.Ending ending = runs.run(() -> {
                        queue.runStarting();
                        return worker.perform(settings.batchSize());
                    });
                    running = null;
                    if (ending instanceof BoundedRuns.Ending.Finished finished) {
                        doneLine.done(jobId, finished.run(), started, clock.instant());
                        Duration delay = finished.run() instanceof WorkerRun.LeaseBusy
                                        || finished.run() instanceof WorkerRun.LeaseLost
                                ? LEASE_BUSY_RETRY_DELAY
                                : Duration.ZERO;
                        return (CompletionHandler<Void>) (complete, operations) -> {
                            operations.stop();
                            queue.runEnded(delay);
                        };
                    }
                    logUnfinished(jobId, ending, started, clock.instant());
                    return (CompletionHandler<Void>) (complete, operations) -> {
                        operations.stop();
                        queue.runEnded(FAILURE_RETRY_DELAY);
                        queue.retryAfter(FAILURE_RETRY_DELAY);
                    };
                });
    }

    /** A run that did not finish: its done line says how it ended; its job is freed and runs again. */
    private void logUnfinished(String jobId, BoundedRuns.Ending ending, Instant started, Instant finished) {
        if (ending instanceof BoundedRuns.Ending.GaveUp gaveUp) {
            doneLine.failed(jobId, gaveUp.lastFailure(), started, finished);
        } else if (ending instanceof BoundedRuns.Ending.Abandoned abandoned) {
            doneLine.abandoned(jobId, abandoned.after(), started, finished);
        }
    }

    /** The job leaves the slot even when its run failed; the poll or the cron brings it back. */
    private void runFailed(ExecutionComplete complete, ExecutionOperations<Void> operations) {
        RunningJob failed = running;
        running = null;
        Instant finished = clock.instant();
        doneLine.failed(
                failed == null ? WorkerDoneLine.newJobId() : failed.jobId(),
                complete.getCause().orElseGet(() -> new IllegalStateException("unknown cause")),
                failed == null ? finished : failed.started(),
                finished);
        operations.stop();
        queue.runEnded(FAILURE_RETRY_DELAY);
    }

    /** Starts polling, heartbeats and the recurring tasks (each scheduled once for the cluster if it is not yet). */
    public void start() {
        scheduler.start();
    }

    /**
     * Whether the scheduler is polling: started, not paused and not shutting down. Costs nothing: the library's
     * own state, no query.
     */
    public boolean isPolling() {
        SchedulerState state = scheduler.getSchedulerState();
        return state.isStarted() && !state.isPaused() && !state.isShuttingDown();
    }

    /** The library's scheduler, for tests that drive a manual one. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Stops picking jobs and waits up to {@link #SHUTDOWN_MAX_WAIT} for a running one to finish (its
     * completion frees the slot and queues the one more run it owes, for another instance to take). Closing
     * twice is harmless.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            scheduler.stop();
            runs.close();
        }
    }
}
