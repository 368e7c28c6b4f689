package dev.catalogsync.adapters.scheduler.inbound.cron;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import java.time.ZoneOffset;
import java.util.Objects;

/** The one syntax every schedule of the service takes: a five-field Unix cron expression, read in UTC. */
public final class UnixCron {

    private UnixCron() {}

    /**
     * Reads {@code expression} (minute, hour, day of month, month, day of week; no seconds field) in UTC.
     *
     * @throws IllegalArgumentException naming the expression, with an example, when it is not one
     */
    public static CronSchedule parse(String expression) {
        Objects.requireNonNull(expression, "cron");
        try {
            return new CronSchedule(expression, ZoneOffset.UTC, CronStyle.UNIX);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Not a five-field Unix cron expression (minute hour day-of-month "
                            + "month day-of-week), e.g. '" + WorkerCron.GITLAB_CRON + "': '" + expression + "' ("
                            + e.getMessage() + ")",
                    e);
        }
    }
}
