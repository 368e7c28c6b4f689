package dev.catalogsync.domain.partitioning;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * What the queue looks like now.
 *
 * @param attached the attached partitions, lowest value first
 * @param defaultValue the partition value new rows get when they name none (the column default): where the
 *     trigger's events land
 * @param detached partitions detached and not yet dropped, lowest value first
 */
public record PartitionLayout(List<AttachedPartition> attached, long defaultValue, List<DetachedPartition> detached) {

    public PartitionLayout {
        attached = attached.stream()
                .sorted(Comparator.comparingLong(AttachedPartition::value))
                .toList();
        detached = detached.stream()
                .sorted(Comparator.comparingLong(DetachedPartition::value))
                .toList();
        Set<Long> values = new HashSet<>();
        Stream.concat(
                        attached.stream().map(AttachedPartition::value),
                        detached.stream().map(DetachedPartition::value))
                .forEach(value -> {
                    if (!values.add(value)) {
                        throw new IllegalArgumentException("partition value " + value + " is listed twice");
                    }
                });
    }

    /** The partition with the highest value: the active one, which should receive new events. */
    public Optional<AttachedPartition> newest() {
        return attached.isEmpty() ? Optional.empty() : Optional.of(attached.get(attached.size() - 1));
    }

    /** A value no partition, attached or detached, has used yet: one above the highest. */
    public long nextValue() {
        return LongStream.concat(
                                attached.stream().mapToLong(AttachedPartition::value),
                                detached.stream().mapToLong(DetachedPartition::value))
                        .max()
                        .orElse(0)
                + 1;
    }
}
