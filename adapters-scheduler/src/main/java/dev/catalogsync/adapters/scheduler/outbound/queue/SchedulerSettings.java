package dev.catalogsync.adapters.scheduler.outbound.queue;

import dev.catalogsync.application.port.in.BatchSize;
import java.time.Duration;
import java.util.Objects;

/**
 * How the service's scheduler runs the worker queue. When the cron fires is the cron's business
 * ({@code inbound.cron.WorkerCron}), not the queue's.
 *
 * @param batchSize how many events one run takes at most
 * @param schedulerName this instance's name in {@code catalog_sync_scheduled_tasks.picked_by}; unique per process
 * @param pollingInterval how often this instance looks for due jobs queued by others; jobs it queues itself
 *     start at once
 * @param runLimits how long a run may last and how it retries while the database fails
 */
public record SchedulerSettings(
        BatchSize batchSize, String schedulerName, Duration pollingInterval, RunLimits runLimits) {

    /** Short enough that a run queued by another instance starts within moments. */
    public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofMillis(200);

    public SchedulerSettings {
        Objects.requireNonNull(batchSize, "batchSize");
        Objects.requireNonNull(schedulerName, "schedulerName");
        Objects.requireNonNull(runLimits, "runLimits");
        if (pollingInterval.isNegative() || pollingInterval.isZero()) {
            throw new IllegalArgumentException("pollingInterval must be positive, was " + pollingInterval);
        }
    }

    /** With {@link RunLimits#DEFAULT}. */
    public SchedulerSettings(BatchSize batchSize, String schedulerName, Duration pollingInterval) {
        this(batchSize, schedulerName, pollingInterval, RunLimits.DEFAULT);
    }
}
