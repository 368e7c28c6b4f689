package dev.catalogsync.application.service;

import dev.catalogsync.application.port.in.ListQueuePartitions;
import dev.catalogsync.application.port.out.QueueInspector;
import dev.catalogsync.application.port.out.QueueInspector.EventCounts;
import dev.catalogsync.application.port.out.QueuePartitions;
import dev.catalogsync.domain.partitioning.PartitionLayout;
import java.util.Map;

/** The partition layout with exact event counts per partition. */
public class ListQueuePartitionsService implements ListQueuePartitions {

    private static final EventCounts NONE = new EventCounts(0, 0);

    private final QueuePartitions partitions;
    private final QueueInspector inspector;

    public ListQueuePartitionsService(QueuePartitions partitions, QueueInspector inspector) {
        this.partitions = partitions;
        this.inspector = inspector;
    }

    @Override
    public PartitionOverview overview() {
        PartitionLayout layout = partitions.layout();
        Map<Long, EventCounts> counts = inspector.eventCountsByPartition();
        return new PartitionOverview(
                layout.defaultValue(),
                layout.attached().stream()
                        .map(partition -> {
                            EventCounts partitionCounts = counts.getOrDefault(partition.value(), NONE);
                            return new PartitionFigures(
                                    partition,
                                    partition.value() == layout.defaultValue(),
                                    partitionCounts.pending(),
                                    partitionCounts.processed());
                        })
                        .toList(),
                layout.detached());
    }
}
