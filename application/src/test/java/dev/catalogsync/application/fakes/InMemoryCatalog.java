package dev.catalogsync.application.fakes;

import dev.catalogsync.application.contract.CatalogWorld;
import dev.catalogsync.application.port.out.CatalogMirror;
import dev.catalogsync.application.port.out.CatalogResourceLookup;
import dev.catalogsync.application.port.out.QueueInspector;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.domain.CatalogResource;
import dev.catalogsync.domain.MirroredAttributes;
import dev.catalogsync.domain.PendingRange;
import dev.catalogsync.domain.SyncBatch;
import dev.catalogsync.domain.SyncEvent;
import dev.catalogsync.domain.SyncEventStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Projects, catalog resources and the queue in memory, with the trigger's rule applied on project updates.
 * One partition (1) unless a test changes {@link #activePartition(long)}.
 */
public class InMemoryCatalog
        implements CatalogWorld, SyncEventQueue, CatalogMirror, QueueInspector, CatalogResourceLookup {

    private final Map<Long, MirroredAttributes> projects = new TreeMap<>();
    private final Map<Long, CatalogResource> resources = new TreeMap<>();
    private final TreeMap<Long, SyncEvent> events = new TreeMap<>();
    private final Clock clock;
    private long nextId = 1;
    private long activePartition = 1;

    public InMemoryCatalog(Clock clock) {
        this.clock = clock;
    }

    public synchronized void activePartition(long partition) {
        this.activePartition = partition;
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

    /** Queues an event directly, as an insert into the queue table would. */
    public synchronized SyncEvent queueEvent(long catalogResourceId, long projectId) {
        long id = nextId++;
        SyncEvent event = new SyncEvent(id, catalogResourceId, projectId, activePartition,
                SyncEventStatus.PENDING, clock.instant());
        events.put(id, event);
        return event;
    }

    @Override
    public synchronized void deleteCatalogResource(long catalogResourceId) {
        resources.remove(catalogResourceId);
    }

    @Override
    public synchronized void writeCatalogResourceByHand(long catalogResourceId, MirroredAttributes attributes) {
        resources.computeIfPresent(catalogResourceId,
                (id, resource) -> new CatalogResource(id, resource.projectId(), attributes));
    }

    @Override
    public synchronized Optional<CatalogResource> catalogResource(long catalogResourceId) {
        return Optional.ofNullable(resources.get(catalogResourceId));
    }

    @Override
    public synchronized List<SyncEvent> events() {
        return List.copyOf(events.values());
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
        return Optional.of(new PendingRange(pending.get(0).id(), pending.get(pending.size() - 1).id()));
    }

    @Override
    public synchronized SyncBatch nextPendingBatch(int limit) {
        return new SyncBatch(pending().stream().limit(limit).toList());
    }

    @Override
    public synchronized int markProcessed(long partitionId, Collection<Long> eventIds) {
        int marked = 0;
        for (long id : eventIds) {
            SyncEvent event = events.get(id);
            if (event != null && event.partitionId() == partitionId && event.isPending()) {
                events.put(id, event.processed());
                marked++;
            }
        }
        return marked;
    }

    @Override
    public synchronized boolean hasPending() {
        return !pending().isEmpty();
    }

    // CatalogMirror

    @Override
    public synchronized int syncFromProjects(Collection<Long> catalogResourceIds) {
        int changed = 0;
        for (long id : new HashSet<>(catalogResourceIds)) {
            CatalogResource resource = resources.get(id);
            if (resource == null) {
                continue;
            }
            MirroredAttributes current = projects.get(resource.projectId());
            if (!resource.mirrors(current)) {
                resources.put(id, resource.syncedFrom(current));
                changed++;
            }
        }
        return changed;
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
        Set<Long> partitions = new TreeSet<>();
        partitions.add(activePartition);
        events.values().forEach(event -> partitions.add(event.partitionId()));
        return new ArrayList<>(partitions);
    }

    // CatalogResourceLookup

    @Override
    public synchronized boolean isCatalogResource(long projectId) {
        return resources.values().stream().anyMatch(resource -> resource.projectId() == projectId);
    }
}
