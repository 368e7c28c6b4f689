package dev.catalogsync.application.port.out;

import dev.catalogsync.domain.partitioning.PartitionLayout;
import java.time.Instant;

/**
 * The partitions of the sync event queue ({@code p_catalog_resource_sync_events}, list-partitioned by
 * {@code partition_id}): what there is, and the four changes the sliding-list upkeep makes.
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li>Each change is one atomic transaction: it is made completely or not at all, whatever fails or crashes
 *       half-way. In particular, creating a partition and pointing the column default at it commit together,
 *       so an insert never finds the default naming a partition that does not exist.</li>
 *   <li>Each change re-checks, inside its transaction and under its locks, the condition that makes it safe;
 *       when that does not hold it answers {@link PartitionChange.Refused} and changes nothing. A caller
 *       deciding from an older {@link #layout()} can never detach a partition with pending events, detach the
 *       partition new events land in, or drop an attached partition.</li>
 *   <li>A change the store's credentials do not allow (a least-privilege role that may use the queue but not
 *       change its tables) answers {@link PartitionChange.Refused} with a reason that says so, before it takes
 *       any lock, and changes nothing.</li>
 *   <li>A change never waits for a lock longer than the store's lock timeout: it answers
 *       {@link PartitionChange.LockNotGranted} instead, so that writers of the queue queued behind it are
 *       held up at most that long. Retrying is the caller's choice.</li>
 *   <li>Other failures (the store unreachable, a statement timing out) are unchecked exceptions; the change is
 *       then not made.</li>
 * </ul>
 */
public interface QueuePartitions {

    /**
     * The attached partitions, each with whether it holds a pending event and its oldest record's creation
     * time, the column default, and the partitions detached and not yet dropped. Cheap: a few index probes per
     * partition, no count; takes no lock beyond what a read takes.
     */
    PartitionLayout layout();

    /**
     * Creates the partition for {@code value} and makes it the column default, in one transaction. Refused when
     * a partition or a detached table for that value exists already.
     */
    PartitionChange createAndActivate(long value);

    /** Makes the attached partition {@code value} the column default. Refused when no attached partition holds it. */
    PartitionChange activate(long value);

    /**
     * Detaches partition {@code value} from the queue and records {@code detachedAt} for its later drop. Waits
     * for transactions still writing to the queue to end (within the lock timeout) before it checks. Refused when
     * it is not attached, holds a pending event, or is the one the column default names.
     */
    PartitionChange detach(long value, Instant detachedAt);

    /** Drops the detached partition {@code value} with its rows. Refused when it is attached or was never detached. */
    PartitionChange drop(long value);
}
