package dev.catalogsync.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Pending events taken from the queue together, in id order. */
public record SyncBatch(List<SyncEvent> events) {

    public SyncBatch {
        events = List.copyOf(events);
    }

    public static SyncBatch empty() {
        return new SyncBatch(List.of());
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    public int size() {
        return events.size();
    }

    /** The catalog resources to sync, each once, however many of its events the batch holds. */
    public List<Long> catalogResourceIds() {
        LinkedHashSet<Long> ids = new LinkedHashSet<>();
        events.forEach(event -> ids.add(event.catalogResourceId()));
        return List.copyOf(ids);
    }

    /** Event ids grouped by partition, so that marking them processed touches one partition per statement. */
    public SortedMap<Long, List<Long>> eventIdsByPartition() {
        SortedMap<Long, List<Long>> byPartition = new TreeMap<>();
        events.forEach(event -> byPartition
                .computeIfAbsent(event.partitionId(), partition -> new ArrayList<>())
                .add(event.id()));
        byPartition.replaceAll((partition, ids) -> List.copyOf(ids));
        return Collections.unmodifiableSortedMap(byPartition);
    }
}
