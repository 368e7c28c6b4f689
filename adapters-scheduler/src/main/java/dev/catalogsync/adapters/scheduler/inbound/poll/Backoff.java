package dev.catalogsync.adapters.scheduler.inbound.poll;

import java.time.Duration;

/**
 * How long to wait before the next try: the normal interval while things work, doubling after each failure in
 * a row up to a ceiling, so that an outage costs a few log lines and connection attempts, not thousands.
 */
public record Backoff(Duration interval, Duration ceiling) {

    public Backoff {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        if (ceiling.compareTo(interval) < 0) {
            throw new IllegalArgumentException("ceiling " + ceiling + " is below the interval " + interval);
        }
    }

    /** The wait after {@code consecutiveFailures} failures in a row; after none, the interval. */
    public Duration delayAfter(int consecutiveFailures) {
        Duration delay = interval;
        for (int i = 0; i < consecutiveFailures && delay.compareTo(ceiling) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(ceiling) > 0 ? ceiling : delay;
    }
}
