package dev.catalogsync.application.contract;

import dev.catalogsync.domain.SyncEvent;
import java.util.List;
import java.util.Optional;

/**
 * The tables around the queue, as a contract test arranges and inspects them: in memory for the fakes, real
 * tables and the real trigger for PostgreSQL.
 */
public interface CatalogWorld {

    /** Creates a project; queues nothing. @return its id */
    long createProject(MirroredAttributes attributes);

    /** Lists a project in the catalog with a copy of its current attributes; queues nothing. @return its id */
    long createCatalogResource(long projectId);

    /**
     * Updates a project as an application would. Like the trigger, queues one pending event per catalog
     * resource of the project when name, description or visibility changed, and none otherwise.
     */
    void updateProject(long projectId, MirroredAttributes attributes);

    /**
     * Updates a project with the trigger on {@code projects} disabled (as a bulk fix-up or a restore might): the
     * project changes and nothing is queued, so its catalog resources drift.
     */
    void updateProjectWithTheTriggerDisabled(long projectId, MirroredAttributes attributes);

    /** Deletes a catalog resource, leaving its events in the queue (they become orphaned). */
    void deleteCatalogResource(long catalogResourceId);

    /** Overwrites a resource's copy without queuing anything: drift, as a hand-written SQL update makes. */
    void writeCatalogResourceByHand(long catalogResourceId, MirroredAttributes attributes);

    Optional<CatalogResource> catalogResource(long catalogResourceId);

    /** Every event of every partition, lowest id first. */
    List<SyncEvent> events();

    /**
     * Marks one event processed as if a worker had, named by its id and partition; an event not found there is
     * left alone. For arranging a queue, not a way the product marks events ({@code SyncBatches} does).
     */
    void markProcessed(SyncEvent event);
}
