package dev.catalogsync.application.port.in;

import dev.catalogsync.domain.WorkerRun;

/**
 * One perform of the sync worker (GitLab's {@code ProcessSyncEventsWorker#perform}): if the flag
 * {@code ci_process_catalog_resource_sync_events} is enabled, take the lease, sync one batch, mark exactly
 * those events processed, and ask for another run while events remain.
 *
 * <p>Contract:
 * <ul>
 *   <li>With the flag disabled nothing is read, written or enqueued: {@link WorkerRun.FlagDisabled}.</li>
 *   <li>At most one batch is processed at a time across every process sharing the queue (the exclusive lease);
 *       a perform that finds the lease held processes nothing and answers {@link WorkerRun.LeaseBusy}. Neither is
 *       a failure.</li>
 *   <li>A batch's copies and marks commit together, and only the events taken are marked: a failure or crash
 *       part-way leaves events pending, never lost, and the next perform syncs them again.</li>
 *   <li>The batch is written only while the lease is still this perform's, checked by the store in the batch's
 *       own transaction: a perform paused past the lease's time to live writes nothing and answers
 *       {@link WorkerRun.LeaseLost}, a normal outcome.</li>
 *   <li>Idempotent: running it twice, or concurrently from several processes, never syncs a value twice wrongly
 *       nor loses an event.</li>
 *   <li>Failures of the stores surface as unchecked exceptions; the lease is released on every exit.</li>
 * </ul>
 */
public interface PerformSyncWorker {

    WorkerRun perform(BatchSize batchSize);
}
