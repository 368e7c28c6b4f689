package dev.catalogsync.application.port.in;

/**
 * One perform of the sync worker (GitLab's {@code ProcessSyncEventsWorker#perform}): if the flag
 * {@code ci_process_catalog_resource_sync_events} is enabled, take the lease, sync one batch, mark exactly
 * those events processed, and ask for another run while events remain. Idempotent: running it twice, or
 * concurrently from several processes, never syncs a value twice wrongly nor loses an event.
 */
public interface PerformSyncWorker {

    WorkerRun perform(BatchSize batchSize);
}
