package dev.catalogsync.adapters.scheduler.queue;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import dev.catalogsync.application.port.in.BatchSize;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How the service's scheduler runs.
 *
 * @param cron when the cron enqueues the worker: a five-field Unix cron expression (minute, hour, day of month,
 *     month, day of week), read in UTC; GitLab's is {@link #GITLAB_CRON}
 * @param batchSize how many events one run takes at most
 * @param schedulerName this instance's name in {@code scheduled_tasks.picked_by}; unique per process
 * @param pollingInterval how often this instance looks for due jobs queued by others; jobs it queues itself
 *     start at once
 */
public record SchedulerSettings(String cron, BatchSize batchSize, String schedulerName, Duration pollingInterval) {

    /** GitLab's expression (star-slash-one, then four stars): every minute, on the minute. */
    public static final String GITLAB_CRON = "*/1 * * * *";

    /** Short enough that a run queued by another instance starts within moments. */
    public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofMillis(200);

    public SchedulerSettings {
        Objects.requireNonNull(batchSize, "batchSize");
        Objects.requireNonNull(schedulerName, "schedulerName");
        if (pollingInterval.isNegative() || pollingInterval.isZero()) {
            throw new IllegalArgumentException("pollingInterval must be positive, was " + pollingInterval);
        }
        cronSchedule(cron);
    }

    /**
     * The cron expression as db-scheduler's schedule.
     *
     * @throws IllegalArgumentException naming the expression when it is not a valid five-field Unix cron
     */
    public CronSchedule cronSchedule() {
        return cronSchedule(cron);
    }

    /**
     * Checks a five-field Unix cron expression, the syntax every schedule of the service takes.
     *
     * @throws IllegalArgumentException naming the expression when it is not one
     */
    public static void checkCron(String expression) {
        cronSchedule(expression);
    }

    /** Reads a five-field Unix cron expression in UTC, the syntax every schedule of the service takes. */
    static CronSchedule cronSchedule(String expression) {
        Objects.requireNonNull(expression, "cron");
        try {
            return new CronSchedule(expression, ZoneOffset.UTC, CronStyle.UNIX);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a five-field Unix cron expression (minute hour day-of-month "
                    + "month day-of-week), e.g. '" + GITLAB_CRON + "': '" + expression + "' (" + e.getMessage() + ")", e);
        }
    }
}
