package dev.catalogsync.adapters.scheduler.inbound.cron;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import com.github.kagkarlsson.shaded.cronutils.model.CronType;
import com.github.kagkarlsson.shaded.cronutils.model.definition.CronDefinitionBuilder;
import com.github.kagkarlsson.shaded.cronutils.model.time.ExecutionTime;
import com.github.kagkarlsson.shaded.cronutils.parser.CronParser;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/** The one syntax every schedule of the service takes: a five-field Unix cron expression, read in UTC. */
public final class UnixCron {

    /**
     * An expression must fire within this many years of now. A 29th of February fires at least every eight years;
     * one that never fires ({@code 0 0 30 2 *}) would leave its task silently idle forever.
     */
    public static final int MUST_FIRE_WITHIN_YEARS = 10;

    private UnixCron() {}

    /**
     * Reads {@code expression} (minute, hour, day of month, month, day of week; no seconds field) in UTC.
     *
     * @throws IllegalArgumentException naming the expression, with an example, when it is not one, or when it
     *     would not fire within {@value #MUST_FIRE_WITHIN_YEARS} years
     */
    public static CronSchedule parse(String expression) {
        CronSchedule schedule = read(expression);
        // Asked of the cron library db-scheduler ships (shaded inside it) rather than of the schedule, which logs an
        // ERROR line of its own for an expression that never fires.
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Optional<ZonedDateTime> next = ExecutionTime.forCron(
                        new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX)).parse(expression))
                .nextExecution(now);
        if (next.isEmpty() || next.get().isAfter(now.plusYears(MUST_FIRE_WITHIN_YEARS))) {
            throw new IllegalArgumentException("The cron expression '" + expression + "' never fires: no minute "
                    + "matches it in the next " + MUST_FIRE_WITHIN_YEARS + " years (is the day of the month one "
                    + "that month has?)");
        }
        return schedule;
    }

    private static CronSchedule read(String expression) {
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
