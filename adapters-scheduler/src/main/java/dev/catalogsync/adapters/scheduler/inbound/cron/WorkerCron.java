package dev.catalogsync.adapters.scheduler.inbound.cron;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import dev.catalogsync.adapters.scheduler.outbound.queue.EnqueueOutcome;
import dev.catalogsync.adapters.scheduler.outbound.queue.UntilExecutedWorkerQueue;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.EnqueueStatistics.EnqueuePath;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitLab's cron for the sync worker: at each tick it enqueues the worker, whatever the flag says (the worker's
 * perform checks it), as GitLab's does. One recurring row in {@code catalog_sync_scheduled_tasks} for the whole cluster, so
 * a tick fires on one instance only, however many run; the safety net behind the callback and the idle poll.
 */
public final class WorkerCron {

    /** The cron's task name in {@code catalog_sync_scheduled_tasks}. */
    public static final String TASK_NAME = "ci-catalog-resources-process-sync-events-cron";

    /** GitLab's expression (star-slash-one, then four stars): every minute, on the minute. */
    public static final String GITLAB_CRON = "*/1 * * * *";

    private static final Logger LOG = LoggerFactory.getLogger(WorkerCron.class);

    private final CronSchedule schedule;
    private final UntilExecutedWorkerQueue queue;
    private final EnqueueStatistics statistics;

    /**
     * @param expression when to enqueue, as {@link UnixCron} reads it
     * @throws IllegalArgumentException naming the expression when it is not a five-field Unix cron
     */
    public WorkerCron(String expression, UntilExecutedWorkerQueue queue) {
        this(expression, queue, EnqueueStatistics.NOOP);
    }

    /** @param statistics told each tick's outcome under the cron's path: {@code enqueued} or {@code deduplicated} */
    public WorkerCron(String expression, UntilExecutedWorkerQueue queue, EnqueueStatistics statistics) {
        this.schedule = UnixCron.parse(expression);
        this.queue = Objects.requireNonNull(queue, "queue");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
    }

    /**
     * The time between two ticks of {@code expression} from {@code now}: what "the cron ran within two intervals"
     * counts in. For an irregular expression (e.g. weekdays only), the gap after the next tick.
     */
    public static Duration interval(String expression, Instant now) {
        CronSchedule schedule = UnixCron.parse(expression);
        Instant next = schedule.getInitialExecutionTime(now);
        return Duration.between(next, schedule.getInitialExecutionTime(next.plusSeconds(1)));
    }

    /** The recurring task, to be started with the service's scheduler. */
    public RecurringTask<Void> task() {
        return Tasks.recurring(TASK_NAME, schedule).execute((instance, context) -> {
            EnqueueOutcome outcome;
            try {
                outcome = queue.tryEnqueue();
            } catch (RuntimeException e) {
                statistics.pathDecided(EnqueuePath.CRON, "failed");
                throw e;
            }
            statistics.pathDecided(EnqueuePath.CRON, outcome == EnqueueOutcome.QUEUED ? "enqueued" : "deduplicated");
            LOG.info("cron enqueued the sync worker: {}", outcome);
        });
    }
}
