package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.CheckForPendingEvents;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.EnqueueStatistics.EnqueuePath;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.application.port.out.WorkerQueue;
import java.util.Locale;

/** The flag first (cached, free), then one {@code EXISTS} on the pending index, then an enqueue if needed. */
public class CheckForPendingEventsService implements CheckForPendingEvents {

    private final SyncEventQueue queue;
    private final FeatureFlagStates flags;
    private final WorkerQueue workerQueue;
    private final EnqueueStatistics enqueues;

    public CheckForPendingEventsService(
            SyncEventQueue queue, FeatureFlagStates flags, WorkerQueue workerQueue, EnqueueStatistics enqueues) {
        this.queue = queue;
        this.flags = flags;
        this.workerQueue = workerQueue;
        this.enqueues = enqueues;
    }

    /** Reports each answer, and each failure, to the enqueue statistics under the poll's path. */
    @Override
    public PendingCheck check() {
        PendingCheck found;
        try {
            found = checkOnce();
        } catch (RuntimeException e) {
            enqueues.pathDecided(EnqueuePath.POLL, "failed");
            throw e;
        }
        enqueues.pathDecided(EnqueuePath.POLL, found.name().toLowerCase(Locale.ROOT));
        return found;
    }

    private PendingCheck checkOnce() {
        if (!flags.isEnabled(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS)) {
            return PendingCheck.FEATURE_FLAG_DISABLED;
        }
        if (!queue.hasPending()) {
            return PendingCheck.NOTHING_PENDING;
        }
        workerQueue.enqueue();
        return PendingCheck.ENQUEUED;
    }
}
