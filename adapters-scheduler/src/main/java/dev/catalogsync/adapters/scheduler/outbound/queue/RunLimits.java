package dev.catalogsync.adapters.scheduler.outbound.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one run of the worker job may take, and how it rides out a database that does not answer.
 *
 * <p>A run whose perform fails (the database is unreachable, a connection was dropped) performs again in place,
 * after {@code firstRetryDelay}, doubling up to {@code retryDelayCeiling}: its job stays picked and heartbeating,
 * so no other instance starts a second run meanwhile, and the first try after the database returns resumes the
 * sync, without waiting for the dead-job limit. No run lasts longer than {@code maxRunDuration}: past it the run is
 * abandoned, its job freed and queued again ({@link SyncWorkerScheduler}).
 *
 * @param maxRunDuration the longest a run keeps its job; below the dead-job limit ({@link
 *     UntilExecutedWorkerQueue#DEDUPLICATION_TTL}), so that a run is over before another instance could declare its
 *     job dead and start a second, and far above a healthy batch, which its own statement timeout bounds
 * @param firstRetryDelay the wait before performing again after the first failure
 * @param retryDelayCeiling the longest wait between two tries
 */
public record RunLimits(Duration maxRunDuration, Duration firstRetryDelay, Duration retryDelayCeiling) {

    /** 45 seconds of retries at most 5 seconds apart: a database back within 45 s is used within 5 s of return. */
    public static final RunLimits DEFAULT =
            new RunLimits(Duration.ofSeconds(45), Duration.ofMillis(500), Duration.ofSeconds(5));

    public RunLimits {
        requirePositive(maxRunDuration, "maxRunDuration");
        requirePositive(firstRetryDelay, "firstRetryDelay");
        requirePositive(retryDelayCeiling, "retryDelayCeiling");
        if (retryDelayCeiling.compareTo(firstRetryDelay) < 0) {
            throw new IllegalArgumentException(
                    "retryDelayCeiling " + retryDelayCeiling + " is below firstRetryDelay " + firstRetryDelay);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1 for the first). */
    public Duration retryDelayAfter(int failures) {
        Duration delay = firstRetryDelay;
        for (int i = 1; i < failures && delay.compareTo(retryDelayCeiling) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retryDelayCeiling) > 0 ? retryDelayCeiling : delay;
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
