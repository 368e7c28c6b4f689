package dev.catalogsync.application.port.in;

import java.time.Duration;
import java.util.List;

/**
 * The figures an operator checks first: how far behind the mirror is, and whether the worker may run.
 *
 * <p>Contract: read-only and idempotent; each figure is one bounded read that takes no lock, read separately, so
 * the status is not a snapshot. The pending count is exact (a count over the pending index): fine for an
 * operator, not for a hot path. Failures surface as unchecked exceptions.
 */
public interface ReportQueueStatus {

    QueueStatus status();

    /**
     * @param pendingEvents exact count of pending events
     * @param estimatedTotalEvents GitLab's cheap upper bound, max(id) - min(id) + 1 over pending events
     * @param oldestPendingAge how long the oldest pending event has waited; zero when nothing is pending
     * @param partitions the queue's attached partition values
     * @param syncEnabled the state of {@code ci_process_catalog_resource_sync_events}
     */
    record QueueStatus(
            long pendingEvents,
            long estimatedTotalEvents,
            Duration oldestPendingAge,
            List<Long> partitions,
            boolean syncEnabled) {

        public QueueStatus {
            partitions = List.copyOf(partitions);
        }
    }
}
