package dev.catalogsync.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only figures about the queue for operators. Each call is one bounded query; none takes locks. Failures
 * to reach the store surface as unchecked exceptions.
 */
public interface QueueInspector {

    /** Exact number of pending events (a count over the pending index; for status, not for the hot path). */
    long pendingCount();

    /** When the oldest pending event was queued, or empty when nothing is pending. */
    Optional<Instant> oldestPendingCreatedAt();

    /** The queue's attached partitions, by partition value. */
    List<Long> partitionValues();

    /**
     * Exact event counts by status for each partition value that holds events (a scan of the queue: for
     * operators, not for the hot path). Partitions without events are absent.
     */
    Map<Long, EventCounts> eventCountsByPartition();

    /** How many events of one partition are pending and how many processed. */
    record EventCounts(long pending, long processed) {

        public EventCounts {
            if (pending < 0 || processed < 0) {
                throw new IllegalArgumentException("counts cannot be negative");
            }
        }
    }
}
