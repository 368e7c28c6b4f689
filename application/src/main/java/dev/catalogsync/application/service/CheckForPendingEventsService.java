package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.CheckForPendingEvents;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.application.port.out.WorkerQueue;

/** The flag first (cached, free), then one {@code EXISTS} on the pending index, then an enqueue if needed. */
public class CheckForPendingEventsService implements CheckForPendingEvents {

    private final SyncEventQueue queue;
    private final FeatureFlagStates flags;
    private final WorkerQueue workerQueue;

    public CheckForPendingEventsService(SyncEventQueue queue, FeatureFlagStates flags, WorkerQueue workerQueue) {
        this.queue = queue;
        this.flags = flags;
        this.workerQueue = workerQueue;
    }

    @Override
    public PendingCheck check() {
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
