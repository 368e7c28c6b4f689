package dev.catalogsync.application.port.in;

import dev.catalogsync.application.port.out.CronTicks;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The cheap figures a service samples on a schedule for its gauges and its readiness: the backlog estimate, the
 * oldest pending event's age, whether the worker's lease is held, the flag and the cron. Unlike
 * {@link ReportQueueStatus} it counts nothing, so it costs a handful of index probes whatever the backlog.
 *
 * <p>Contract: read-only and idempotent; each figure one bounded read that takes no lock, so the sample is not a
 * snapshot. Failures surface as unchecked exceptions (the database does not answer).
 */
public interface ObserveQueue {

    QueueSample sample();

    /**
     * @param sampledAt when the sample was taken
     * @param estimatedTotalEvents GitLab's upper bound of the pending events, max(id) - min(id) + 1; 0 when none
     * @param oldestPendingAge how long the oldest pending event has waited; zero when nothing is pending
     * @param leaseHeld whether some run holds the worker's lease now
     * @param syncEnabled the state of {@code ci_process_catalog_resource_sync_events}
     * @param cron the worker cron's ticks, empty when none is scheduled
     */
    record QueueSample(
            Instant sampledAt,
            long estimatedTotalEvents,
            Duration oldestPendingAge,
            boolean leaseHeld,
            boolean syncEnabled,
            Optional<CronTicks.Ticks> cron) {

        public QueueSample {
            Objects.requireNonNull(sampledAt, "sampledAt");
            Objects.requireNonNull(oldestPendingAge, "oldestPendingAge");
            Objects.requireNonNull(cron, "cron");
        }
    }
}
