package dev.catalogsync.application.fakes;

import dev.catalogsync.application.port.out.PartitionChange;
import dev.catalogsync.application.port.out.QueuePartitions;
import dev.catalogsync.domain.SyncEvent;
import dev.catalogsync.domain.partitioning.AttachedPartition;
import dev.catalogsync.domain.partitioning.DetachedPartition;
import dev.catalogsync.domain.partitioning.PartitionLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The queue's partitions over an {@link InMemoryCatalog}: attaching, detaching and dropping change which events
 * the catalog's queue holds, as they would in PostgreSQL. A test can make the next changes find their lock
 * held by a long transaction.
 */
public class InMemoryQueuePartitions implements QueuePartitions {

    private final InMemoryCatalog catalog;
    private final Map<Long, DetachedPartition> detached = new TreeMap<>();
    private final List<String> changes = new ArrayList<>();
    private int locksNotGranted;

    public InMemoryQueuePartitions(InMemoryCatalog catalog) {
        this.catalog = catalog;
    }

    /** The next {@code count} changes answer {@link PartitionChange.LockNotGranted} and change nothing. */
    public void holdLocksForTheNext(int count) {
        synchronized (catalog) {
            locksNotGranted = count;
        }
    }

    /** Every change attempted so far, as {@code "detach 1"}, in order: lets a test count attempts. */
    public List<String> attempts() {
        synchronized (catalog) {
            return List.copyOf(changes);
        }
    }

    @Override
    public PartitionLayout layout() {
        synchronized (catalog) {
            List<AttachedPartition> attached = catalog.attachedPartitions().stream()
                    .map(value -> describe(value, catalog.events()))
                    .toList();
            return new PartitionLayout(attached, catalog.defaultPartition(), List.copyOf(detached.values()));
        }
    }

    private static AttachedPartition describe(long value, List<SyncEvent> allEvents) {
        List<SyncEvent> events =
                allEvents.stream().filter(event -> event.partitionId() == value).toList();
        if (events.isEmpty()) {
            return AttachedPartition.empty(value);
        }
        return AttachedPartition.holding(
                value,
                events.stream().anyMatch(SyncEvent::isPending),
                events.get(0).createdAt());
    }

    @Override
    public PartitionChange createAndActivate(long value) {
        synchronized (catalog) {
            PartitionChange blocked = attempt("create " + value);
            if (blocked != null) {
                return blocked;
            }
            if (catalog.attachedPartitions().contains(value) || detached.containsKey(value)) {
                return new PartitionChange.Refused("partition " + value + " exists already");
            }
            catalog.attachPartition(value);
            catalog.defaultPartition(value);
            return new PartitionChange.Done();
        }
    }

    @Override
    public PartitionChange activate(long value) {
        synchronized (catalog) {
            PartitionChange blocked = attempt("activate " + value);
            if (blocked != null) {
                return blocked;
            }
            if (!catalog.attachedPartitions().contains(value)) {
                return new PartitionChange.Refused("no attached partition holds value " + value);
            }
            catalog.defaultPartition(value);
            return new PartitionChange.Done();
        }
    }

    @Override
    public PartitionChange detach(long value, Instant detachedAt) {
        synchronized (catalog) {
            PartitionChange blocked = attempt("detach " + value);
            if (blocked != null) {
                return blocked;
            }
            if (!catalog.attachedPartitions().contains(value)) {
                return new PartitionChange.Refused("partition " + value + " is not attached");
            }
            if (catalog.defaultPartition() == value) {
                return new PartitionChange.Refused("new events land in partition " + value);
            }
            if (catalog.events().stream().anyMatch(event -> event.partitionId() == value && event.isPending())) {
                return new PartitionChange.Refused("partition " + value + " holds pending events");
            }
            catalog.detachPartition(value);
            detached.put(value, new DetachedPartition(value, detachedAt));
            return new PartitionChange.Done();
        }
    }

    @Override
    public PartitionChange drop(long value) {
        synchronized (catalog) {
            PartitionChange blocked = attempt("drop " + value);
            if (blocked != null) {
                return blocked;
            }
            if (catalog.attachedPartitions().contains(value)) {
                return new PartitionChange.Refused("partition " + value + " is attached");
            }
            if (detached.remove(value) == null) {
                return new PartitionChange.Refused("no detached partition holds value " + value);
            }
            return new PartitionChange.Done();
        }
    }

    /** Records the attempt; answers a lock not granted while the test holds locks, else {@code null}. */
    private PartitionChange attempt(String change) {
        changes.add(change);
        if (locksNotGranted > 0) {
            locksNotGranted--;
            return new PartitionChange.LockNotGranted(
                    "lock on p_catalog_resource_sync_events held by a long transaction");
        }
        return null;
    }
}
