package dev.catalogsync.application.port.out;

import java.util.Locale;

/**
 * What became of the requests to run the worker, by the path that made them: GitLab's three ways (the callback,
 * the cron, the worker itself), our idle poll and an operator's request from the console. Each path reports the
 * outcome of its own decision; the queue reports whether a request queued a run, was dropped as a duplicate, or
 * earned a run after the executing one.
 *
 * <p>Contract: implementations must not throw and must not block for long.
 */
public interface EnqueueStatistics {

    EnqueueStatistics NOOP = new EnqueueStatistics() {};

    /** Who asked for a run. */
    enum EnqueuePath {
        CALLBACK,
        POLL,
        CRON,
        WORKER,
        /** An operator, from the console. */
        CONSOLE;

        /** The path's name in metrics and status: lower case. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the queue made of an enqueue. */
    enum QueueOutcome {
        /** Nothing was queued or executing: a run was queued. */
        ENQUEUED,
        /** A run was queued or executing: the request was dropped (Sidekiq's until_executed). */
        DEDUPLICATED,
        /** A run ended and ran once more for requests dropped while it executed (reschedule_once). */
        RESCHEDULED
    }

    /**
     * One decision of a path: {@code outcome} is a lower_snake_case word such as {@code enqueued},
     * {@code feature_flag_disabled}, {@code nothing_pending} or {@code failed}.
     */
    default void pathDecided(EnqueuePath path, String outcome) {}

    /** One outcome of the queue itself. */
    default void queue(QueueOutcome outcome) {}
}
