package dev.catalogsync.bootstrap;

import dev.catalogsync.adapters.scheduler.inbound.cron.UnixCron;
import dev.catalogsync.adapters.scheduler.inbound.cron.UpkeepSettings;
import dev.catalogsync.adapters.scheduler.inbound.cron.WorkerCron;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How the service runs: the worker's batch, the three schedules and the idle poll. The same values the
 * {@code run} command takes as options, validated here once for the command line and for an embedding host
 * alike: a bad value is an {@link IllegalArgumentException} naming the setting.
 *
 * @param batchSize most events one run of the worker takes (GitLab's {@code BATCH_SIZE} by default)
 * @param cron when the cron enqueues the worker: five fields, minute hour day-of-month month day-of-week, UTC
 * @param pollInterval how often the idle poll looks for pending events no callback announced (direct SQL), at most
 *     {@link #MAX_POLL_INTERVAL}; {@link Duration#ZERO} turns it off and leaves them to the cron
 * @param partitionsCron when to run a partition round, or {@value UpkeepSettings#OFF}
 * @param partitionPolicy the partition duration and retention of each partition round
 * @param reconcileCron when to run {@code reconcile --repair}, or {@value UpkeepSettings#OFF}
 * @param readyMaxPendingAge {@code GET /ready} answers 503 while the flag is on and the oldest pending event has
 *     waited longer than this
 */
public record ServiceSettings(
        BatchSize batchSize,
        String cron,
        Duration pollInterval,
        String partitionsCron,
        SlidingListPolicy partitionPolicy,
        String reconcileCron,
        Duration readyMaxPendingAge) {

    /** Five minutes: five cron intervals, far beyond what a healthy service lets an event wait (about a second). */
    public static final Duration DEFAULT_READY_MAX_PENDING_AGE = Duration.ofMinutes(5);

    /** The idle poll's interval unless told otherwise: a direct SQL update is synced well within a second. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    /** Polling less often than the cron fires is pointless; an hour is far past that, and past any typo's harm. */
    public static final Duration MAX_POLL_INTERVAL = Duration.ofHours(1);

    /** GitLab's values where GitLab has one; see each constant for the others. */
    public static final ServiceSettings DEFAULTS = new ServiceSettings(
            BatchSize.DEFAULT,
            WorkerCron.GITLAB_CRON,
            DEFAULT_POLL_INTERVAL,
            UpkeepSettings.DEFAULT_PARTITIONS_CRON,
            SlidingListPolicy.DEFAULT,
            UpkeepSettings.OFF,
            DEFAULT_READY_MAX_PENDING_AGE);

    public ServiceSettings {
        Objects.requireNonNull(batchSize, "batchSize");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.compareTo(MAX_POLL_INTERVAL) > 0) {
            throw new IllegalArgumentException("pollInterval must be between 0 (off) and "
                    + MAX_POLL_INTERVAL.toMillis() + " ms (an hour), was " + pollInterval.toMillis() + " ms");
        }
        UnixCron.parse(Objects.requireNonNull(cron, "cron"));
        UpkeepSettings.checkSchedule(Objects.requireNonNull(partitionsCron, "partitionsCron"));
        UpkeepSettings.checkSchedule(Objects.requireNonNull(reconcileCron, "reconcileCron"));
        Objects.requireNonNull(partitionPolicy, "partitionPolicy");
        Objects.requireNonNull(readyMaxPendingAge, "readyMaxPendingAge");
        if (readyMaxPendingAge.isNegative() || readyMaxPendingAge.isZero()) {
            throw new IllegalArgumentException("readyMaxPendingAge must be positive, was " + readyMaxPendingAge);
        }
    }

    public ServiceSettings withBatchSize(BatchSize value) {
        return new ServiceSettings(
                value, cron, pollInterval, partitionsCron, partitionPolicy, reconcileCron, readyMaxPendingAge);
    }

    public ServiceSettings withCron(String value) {
        return new ServiceSettings(
                batchSize, value, pollInterval, partitionsCron, partitionPolicy, reconcileCron, readyMaxPendingAge);
    }

    public ServiceSettings withPollInterval(Duration value) {
        return new ServiceSettings(
                batchSize, cron, value, partitionsCron, partitionPolicy, reconcileCron, readyMaxPendingAge);
    }

    public ServiceSettings withPartitionsCron(String value) {
        return new ServiceSettings(
                batchSize, cron, pollInterval, value, partitionPolicy, reconcileCron, readyMaxPendingAge);
    }

    public ServiceSettings withPartitionPolicy(SlidingListPolicy value) {
        return new ServiceSettings(
                batchSize, cron, pollInterval, partitionsCron, value, reconcileCron, readyMaxPendingAge);
    }

    public ServiceSettings withReconcileCron(String value) {
        return new ServiceSettings(
                batchSize, cron, pollInterval, partitionsCron, partitionPolicy, value, readyMaxPendingAge);
    }

    public ServiceSettings withReadyMaxPendingAge(Duration value) {
        return new ServiceSettings(
                batchSize, cron, pollInterval, partitionsCron, partitionPolicy, reconcileCron, value);
    }

    /** Whether the idle poll runs at all. */
    public boolean pollsForPendingEvents() {
        return !pollInterval.isZero();
    }
}
