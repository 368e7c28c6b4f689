package dev.catalogsync.domain.partitioning;

import dev.catalogsync.domain.partitioning.PartitionStep.Activate;
import dev.catalogsync.domain.partitioning.PartitionStep.CreateAndActivate;
import dev.catalogsync.domain.partitioning.PartitionStep.Detach;
import dev.catalogsync.domain.partitioning.PartitionStep.Drop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * GitLab's sliding-list partitioning of the queue, as a rule from the partitions there are now to the steps
 * that keep the queue small:
 *
 * <ol>
 *   <li>The newest attached partition is the active one. When its oldest record (lowest id) is older than
 *       {@code partitionDuration}, the next partition is created and made the column default, so that new
 *       events land there. An empty active partition is never rotated away.</li>
 *   <li>If the column default does not name the newest attached partition (a default left behind by hand or by
 *       an interrupted tool), it is pointed at it.</li>
 *   <li>Every other attached partition without a pending event is detached, except the one the column default
 *       names now: new events may still be landing there.</li>
 *   <li>A detached partition is dropped once {@code retention} has passed since it was detached; with a zero
 *       retention, in the same round.</li>
 * </ol>
 *
 * <p>The decisions use a snapshot; each step re-checks its own condition inside its transaction.
 *
 * @param partitionDuration how old the active partition's oldest record may get before the next partition
 * @param retention how long a detached partition is kept before it is dropped; zero drops it at once
 */
public record SlidingListPolicy(Duration partitionDuration, Duration retention) {

    /** GitLab's {@code PARTITION_DURATION} for this queue. */
    public static final Duration DEFAULT_PARTITION_DURATION = Duration.ofDays(1);

    /** GitLab keeps detached partitions for a week before dropping them. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    public static final SlidingListPolicy DEFAULT =
            new SlidingListPolicy(DEFAULT_PARTITION_DURATION, DEFAULT_RETENTION);

    public SlidingListPolicy {
        checkPartitionDuration(partitionDuration);
        checkRetention(retention);
    }

    /** @throws IllegalArgumentException unless {@code partitionDuration} is positive */
    public static void checkPartitionDuration(Duration partitionDuration) {
        Objects.requireNonNull(partitionDuration, "partitionDuration");
        if (partitionDuration.isNegative() || partitionDuration.isZero()) {
            throw new IllegalArgumentException("the partition duration must be positive, was " + partitionDuration);
        }
    }

    /** @throws IllegalArgumentException when {@code retention} is negative */
    public static void checkRetention(Duration retention) {
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("the retention cannot be negative, was " + retention);
        }
    }

    public PartitionPlan plan(PartitionLayout layout, Instant now) {
        List<PartitionStep> steps = new ArrayList<>();
        AttachedPartition newest = layout.newest().orElse(null);
        if (newest == null) {
            // Nothing attached: inserts fail until a partition exists and the default names it.
            steps.add(new CreateAndActivate(layout.nextValue()));
        } else if (isDueForRotation(newest, now)) {
            steps.add(new CreateAndActivate(layout.nextValue()));
        } else if (layout.defaultValue() != newest.value()) {
            steps.add(new Activate(newest.value()));
        }
        for (AttachedPartition partition : layout.attached()) {
            if (partition != newest && partition.value() != layout.defaultValue() && !partition.hasPending()) {
                steps.add(new Detach(partition.value()));
                if (retention.isZero()) {
                    steps.add(new Drop(partition.value()));
                }
            }
        }
        for (DetachedPartition partition : layout.detached()) {
            if (!partition.detachedAt().plus(retention).isAfter(now)) {
                steps.add(new Drop(partition.value()));
            }
        }
        return new PartitionPlan(steps);
    }

    /** GitLab's {@code oldest_record.created_at < PARTITION_DURATION.ago}. */
    private boolean isDueForRotation(AttachedPartition active, Instant now) {
        return active.oldestRecordCreatedAt()
                .map(oldest -> oldest.isBefore(now.minus(partitionDuration)))
                .orElse(false);
    }
}
