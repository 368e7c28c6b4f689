package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.out.CatalogResourceLookup;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.EnqueueStatistics.EnqueuePath;
import dev.catalogsync.application.port.out.WorkerQueue;
import dev.catalogsync.domain.MirroredAttribute;
import java.util.Locale;

/**
 * GitLab's after-update callback on {@code Project}. The three conditions are checked cheapest first, so that
 * the common update (no mirrored column changed) costs nothing and only a relevant one reaches the database:
 * the changed columns (no I/O), the flag (cached), then whether the project is a catalog resource (one probe).
 */
public class HandleProjectUpdateService implements HandleProjectUpdate {

    private final CatalogResourceLookup catalog;
    private final FeatureFlagStates flags;
    private final WorkerQueue workerQueue;
    private final EnqueueStatistics enqueues;

    public HandleProjectUpdateService(
            CatalogResourceLookup catalog,
            FeatureFlagStates flags,
            WorkerQueue workerQueue,
            EnqueueStatistics enqueues) {
        this.catalog = catalog;
        this.flags = flags;
        this.workerQueue = workerQueue;
        this.enqueues = enqueues;
    }

    /** Reports each outcome, and each failure, to the enqueue statistics under the callback's path. */
    @Override
    public ProjectUpdateOutcome handle(ProjectUpdated update) {
        ProjectUpdateOutcome outcome;
        try {
            outcome = decide(update);
        } catch (RuntimeException e) {
            enqueues.pathDecided(EnqueuePath.CALLBACK, "failed");
            throw e;
        }
        enqueues.pathDecided(EnqueuePath.CALLBACK, outcome.name().toLowerCase(Locale.ROOT));
        return outcome;
    }

    private ProjectUpdateOutcome decide(ProjectUpdated update) {
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
