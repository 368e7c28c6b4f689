package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.out.CatalogResourceLookup;
import dev.catalogsync.application.port.out.WorkerQueue;
import dev.catalogsync.domain.MirroredAttribute;

/**
 * GitLab's after-update callback on {@code Project}. The three conditions are checked cheapest first, so that
 * the common update (no mirrored column changed) costs nothing and only a relevant one reaches the database:
 * the changed columns (no I/O), the flag (cached), then whether the project is a catalog resource (one probe).
 */
public class HandleProjectUpdateService implements HandleProjectUpdate {

    private final CatalogResourceLookup catalog;
    private final FeatureFlagStates flags;
    private final WorkerQueue workerQueue;

    public HandleProjectUpdateService(CatalogResourceLookup catalog, FeatureFlagStates flags, WorkerQueue workerQueue) {
        this.catalog = catalog;
        this.flags = flags;
        this.workerQueue = workerQueue;
    }

    @Override
    public ProjectUpdateOutcome handle(ProjectUpdated update) {
        if (!MirroredAttribute.anyMirrored(update.changedAttributes())) {
            return ProjectUpdateOutcome.NO_MIRRORED_ATTRIBUTE_CHANGED;
        }
        if (!flags.isEnabled(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS)) {
            return ProjectUpdateOutcome.FEATURE_FLAG_DISABLED;
        }
        if (!catalog.isCatalogResource(update.projectId())) {
            return ProjectUpdateOutcome.NOT_A_CATALOG_RESOURCE;
        }
        workerQueue.enqueue();
        return ProjectUpdateOutcome.ENQUEUED;
    }
}
