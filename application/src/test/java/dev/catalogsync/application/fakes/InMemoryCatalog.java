package dev.catalogsync.application.fakes;

import dev.catalogsync.application.contract.CatalogResource;
import dev.catalogsync.application.contract.CatalogWorld;
import dev.catalogsync.application.contract.MirroredAttributes;
import dev.catalogsync.application.port.out.CatalogResourceLookup;
import dev.catalogsync.application.port.out.MirrorDrift;
import dev.catalogsync.application.port.out.QueueInspector;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.PendingRange;
import dev.catalogsync.domain.SyncEvent;
import dev.catalogsync.domain.SyncEventStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Projects, catalog resources and the queue in memory, with the trigger's rule applied on project updates.
 * The queue starts with partition 1 attached and new events landing in it; {@link InMemoryQueuePartitions}
 * changes that as the PostgreSQL partitions would change, and {@link #activePartition(long)} is a shortcut.
 * {@link InMemorySyncBatches} syncs batches of it under the in-memory lease.
 */
public class InMemoryCatalog
        implements CatalogWorld, SyncEventQueue, QueueInspector, CatalogResourceLookup, MirrorDrift {

    private final Map<Long, MirroredAttributes> projects = new TreeMap<>();
    private final TreeMap<Long, CatalogResource> resources = new TreeMap<>();
    private final TreeMap<Long, SyncEvent> events = new TreeMap<>();
    private final TreeSet<Long> attachedPartitions = new TreeSet<>(Set.of(1L));
    private final Clock clock;
    private long nextId = 1;
    private long defaultPartition = 1;

    public InMemoryCatalog(Clock clock) {
        this.clock = clock;
    }

    /** Attaches {@code partition} if it is not, and makes new events land in it. */
    public synchronized void activePartition(long partition) {
        attachedPartitions.add(partition);
        defaultPartition = partition;
    }

    // The partition table, for InMemoryQueuePartitions

    synchronized long defaultPartition() {
        return defaultPartition;
    }

    synchronized void defaultPartition(long partition) {
        defaultPartition = partition;
    }

    synchronized Set<Long> attachedPartitions() {
        return Set.copyOf(attachedPartitions);
    }

    synchronized void attachPartition(long partition) {
        attachedPartitions.add(partition);
    }

    /** Takes a partition and its events out of the queue. */
    synchronized void detachPartition(long partition) {
        attachedPartitions.remove(partition);
        events.values().removeIf(event -> event.partitionId() == partition);
    }

    // CatalogWorld

    @Override
    public synchronized long createProject(MirroredAttributes attributes) {
        long id = nextId++;
        projects.put(id, attributes);
        return id;
    }

    @Override
    public synchronized long createCatalogResource(long projectId) {
        long id = nextId++;
        resources.put(id, new CatalogResource(id, projectId, projects.get(projectId)));
        return id;
    }

    @Override
    public synchronized void updateProject(long projectId, MirroredAttributes attributes) {
        MirroredAttributes old = projects.put(projectId, attributes);
        if (attributes.equals(old)) {
            return;
        }
        for (CatalogResource resource : resources.values()) {
            if (resource.projectId() == projectId) {
                queueEvent(resource.id(), projectId);
            }
        }
    }

    @Override
    public synchronized void updateProjectWithTheTriggerDisabled(long projectId, MirroredAttributes attributes) {
        projects.put(projectId, attributes);
    }

    /**
     * Queues an event directly, as an insert into the queue table naming no partition would: it lands where the
     * column default says, and fails as PostgreSQL's routing does when no partition is attached for it.
     */
    public synchronized SyncEvent queueEvent(long catalogResourceId, long projectId) {
        if (!attachedPartitions.contains(defaultPartition)) {
            throw new IllegalStateException("no partition of relation \"p_catalog_resource_sync_events\" found for "
                    + "row (partition_id " + defaultPartition + ")");
        }
        long id = nextId++;
        SyncEvent event = new SyncEvent(
                id, catalogResourceId, projectId, defaultPartition, SyncEventStatus.PENDING, clock.instant());
        events.put(id, event);
        return event;
    }

    @Override
    public synchronized void deleteCatalogResource(long catalogResourceId) {
        resources.remove(catalogResourceId);
    }

    @Override
    public synchronized void writeCatalogResourceByHand(long catalogResourceId, MirroredAttributes attributes) {
        resources.computeIfPresent(
                catalogResourceId, (id, resource) -> new CatalogResource(id, resource.projectId(), attributes));
    }

    @Override
    public synchronized Optional<CatalogResource> catalogResource(long catalogResourceId) {
        return Optional.ofNullable(resources.get(catalogResourceId));
    }

    @Override
    public synchronized List<SyncEvent> events() {
        return List.copyOf(events.values());
    }

    @Override
    public synchronized void markProcessed(SyncEvent event) {
        SyncEvent stored = events.get(event.id());
        if (stored != null && stored.partitionId() == event.partitionId()) {
            events.put(stored.id(), stored.processed());
        }
    }

    // SyncEventQueue

    private List<SyncEvent> pending() {
        return events.values().stream().filter(SyncEvent::isPending).toList();
    }

    @Override
    public synchronized Optional<PendingRange> pendingRange() {
        List<SyncEvent> pending = pending();
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PendingRange(
                pending.get(0).id(), pending.get(pending.size() - 1).id()));
    }

    @Override
    public synchronized boolean hasPending() {
        return !pending().isEmpty();
    }

    // The batch of InMemorySyncBatches

    /**
     * GitLab's batch, atomically: up to {@code limit} pending events lowest id first, each named resource synced
     * once from its project (orphaned events sync nothing), exactly those events marked processed.
     */
    synchronized BatchResult syncNextBatch(int limit) {
        List<SyncEvent> pending = pending();
        long estimatedTotal = pending.isEmpty()
                ? 0
                : pending.get(pending.size() - 1).id() - pending.get(0).id() + 1;
        List<SyncEvent> taken = pending.stream().limit(limit).toList();
        if (taken.isEmpty()) {
            return BatchResult.nothingConsumable(estimatedTotal);
        }
        LinkedHashSet<Long> resourceIds = new LinkedHashSet<>();
        taken.forEach(event -> resourceIds.add(event.catalogResourceId()));
        for (long id : resourceIds) {
            CatalogResource resource = resources.get(id);
            if (resource != null) {
                resources.put(id, resource.syncedFrom(projects.get(resource.projectId())));
            }
        }
        taken.forEach(event -> events.put(event.id(), event.processed()));
        return new BatchResult(estimatedTotal, taken.size(), taken.size());
    }

    // QueueInspector

    @Override
    public synchronized long pendingCount() {
        return pending().size();
    }

    @Override
    public synchronized Optional<Instant> oldestPendingCreatedAt() {
        return pending().stream().map(SyncEvent::createdAt).min(Instant::compareTo);
    }

    @Override
    public synchronized List<Long> partitionValues() {
        return List.copyOf(attachedPartitions);
    }

    @Override
    public synchronized Map<Long, EventCounts> eventCountsByPartition() {
        Map<Long, EventCounts> counts = new TreeMap<>();
        for (SyncEvent event : events.values()) {
            EventCounts current = counts.getOrDefault(event.partitionId(), new EventCounts(0, 0));
            counts.put(
                    event.partitionId(),
                    event.isPending()
                            ? new EventCounts(current.pending() + 1, current.processed())
                            : new EventCounts(current.pending(), current.processed() + 1));
        }
        return counts;
    }

    // MirrorDrift

    @Override
    public synchronized DriftPage checkPage(long afterId, int limit, boolean queueRepairs) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
        }
        List<CatalogResource> page =
                resources.tailMap(afterId, false).values().stream().limit(limit).toList();
        List<CatalogResource> drifted = page.stream()
                .filter(resource -> !resource.mirrors(projects.get(resource.projectId())))
                .toList();
        if (queueRepairs) {
            drifted.forEach(resource -> queueEvent(resource.id(), resource.projectId()));
        }
        long lastId = page.isEmpty() ? afterId : page.get(page.size() - 1).id();
        return new DriftPage(page.size(), drifted.size(), queueRepairs ? drifted.size() : 0, lastId);
    }

    // CatalogResourceLookup

    @Override
    public synchronized boolean isCatalogResource(long projectId) {
        return resources.values().stream().anyMatch(resource -> resource.projectId() == projectId);
    }
}
