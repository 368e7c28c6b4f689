package dev.catalogsync.domain;

import java.util.OptionalInt;

/**
 * What one pass of the service reports, GitLab's results hash: {@code estimated_total_events},
 * {@code consumable_events} and, only when something was consumable, {@code processed_events}.
 *
 * @param estimatedTotalEvents upper bound on the pending backlog when the pass started (see {@link PendingRange})
 * @param consumableEvents how many pending events the pass took
 * @param processedCount how many of them it marked processed; use {@link #processedEvents()} to report it
 */
public record BatchResult(long estimatedTotalEvents, int consumableEvents, int processedCount) {

    public BatchResult {
        if (estimatedTotalEvents < 0 || consumableEvents < 0 || processedCount < 0) {
            throw new IllegalArgumentException("Event counts cannot be negative");
        }
        if (processedCount > consumableEvents) {
            throw new IllegalArgumentException(
                    "processed " + processedCount + " events of only " + consumableEvents + " consumable");
        }
    }

    /** No pending event could be taken: the result carries no processed figure. */
    public static BatchResult nothingConsumable(long estimatedTotalEvents) {
        return new BatchResult(estimatedTotalEvents, 0, 0);
    }

    /** Absent when no event was consumable, as GitLab leaves the key out then. */
    public OptionalInt processedEvents() {
        return consumableEvents == 0 ? OptionalInt.empty() : OptionalInt.of(processedCount);
    }
}
