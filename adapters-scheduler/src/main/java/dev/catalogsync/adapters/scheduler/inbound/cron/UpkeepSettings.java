package dev.catalogsync.adapters.scheduler.inbound.cron;

import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.util.Objects;

/**
 * When the service keeps the queue healthy by itself.
 *
 * @param partitionsCron when to run a partition round (five-field Unix cron, UTC), or {@link #OFF}
 * @param policy the partition duration and retention of each round
 * @param reconcileCron when to run {@code reconcile --repair}, or {@link #OFF} (the default)
 * @param reconcileBatchSize how many catalog resources one reconcile statement compares
 */
public record UpkeepSettings(
        String partitionsCron, SlidingListPolicy policy, String reconcileCron, BatchSize reconcileBatchSize) {

    /** The value that turns a schedule off. */
    public static final String OFF = "off";

    /**
     * Every ten minutes: a round with nothing to do costs a few index probes, and a day-long partition
     * rotates at most ten minutes late.
     */
    public static final String DEFAULT_PARTITIONS_CRON = "*/10 * * * *";

    public UpkeepSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reconcileBatchSize, "reconcileBatchSize");
        checkSchedule(Objects.requireNonNull(partitionsCron, "partitionsCron"));
        checkSchedule(Objects.requireNonNull(reconcileCron, "reconcileCron"));
    }

    boolean partitionsScheduled() {
        return !OFF.equals(partitionsCron);
    }

    boolean reconcileScheduled() {
        return !OFF.equals(reconcileCron);
    }

    /**
     * Checks one schedule: {@link #OFF} or a five-field Unix cron expression.
     *
     * @throws IllegalArgumentException naming the expression otherwise
     */
    public static void checkSchedule(String cron) {
        if (!OFF.equals(cron)) {
            UnixCron.parse(cron);
        }
    }
}
