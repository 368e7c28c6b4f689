package dev.catalogsync.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When the worker's cron fires next and when it last ran, for the whole cluster: the cron is one recurring task
 * shared by every instance, so any instance (or the command line) can tell whether it keeps firing.
 *
 * <p>Contract: one bounded read that takes no lock; empty when no service has scheduled the cron yet. Failures to
 * reach the store surface as unchecked exceptions.
 */
public interface CronTicks {

    /** No cron anywhere: for drivers that run none, such as a host that drives the worker itself. */
    CronTicks NONE = Optional::empty;

    Optional<Ticks> workerCron();

    /**
     * @param next when it fires next (in the past when it is overdue: no instance is running it)
     * @param lastRun when it last fired successfully, if ever
     */
    record Ticks(Instant next, Optional<Instant> lastRun) {

        public Ticks {
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(lastRun, "lastRun");
        }
    }
}
