package dev.catalogsync.application.port.in;

import dev.catalogsync.domain.partitioning.AttachedPartition;
import dev.catalogsync.domain.partitioning.DetachedPartition;
import java.util.List;
import java.util.Objects;

/**
 * The operator's view of the queue's partitions: what each holds and which one receives new events.
 *
 * <p>Contract: read-only and idempotent; takes no lock beyond what a read takes. The layout and the counts are
 * read separately, so the overview is not a snapshot: an event processed or a partition rotated meanwhile may
 * show either way. The counts are exact, so it scans the queue: for operators, not for polling. Failures
 * surface as unchecked exceptions.
 */
public interface ListQueuePartitions {

    PartitionOverview overview();

    /**
     * @param activePartition the value new events get (the column default)
     * @param attached the attached partitions, lowest value first, with their event counts
     * @param detached partitions detached and waiting for their retention to pass
     */
    record PartitionOverview(long activePartition, List<PartitionFigures> attached, List<DetachedPartition> detached) {

        public PartitionOverview {
            attached = List.copyOf(attached);
            detached = List.copyOf(detached);
        }
    }

    /** One attached partition with its exact event counts. */
    record PartitionFigures(AttachedPartition partition, boolean active, long pendingEvents, long processedEvents) {

        public PartitionFigures {
            Objects.requireNonNull(partition, "partition");
        }
    }
}
