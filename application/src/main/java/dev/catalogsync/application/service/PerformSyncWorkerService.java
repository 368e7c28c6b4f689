package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.PerformSyncWorker;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.EnqueueStatistics.EnqueuePath;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.SyncBatches;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.application.port.out.WorkerQueue;
import dev.catalogsync.domain.WorkerRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * GitLab's {@code ProcessSyncEventsWorker#perform} and the {@code Ci::ProcessSyncEventsService} it calls, for
 * catalog resources, in one class and made set-based: one pass syncs a whole batch in one call to the store,
 * whatever its size.
 *
 * <ol>
 *   <li>If {@code ci_process_catalog_resource_sync_events} is disabled, do nothing at all: no read, no write,
 *       no enqueue ({@link WorkerRun.FlagDisabled}).</li>
 *   <li>Take the exclusive lease; if another run holds it, skip to step 4 ({@link WorkerRun.LeaseBusy}).</li>
 *   <li>Sync one batch, fenced by the lease ({@link SyncBatches}): estimate the backlog, take up to a batch of
 *       pending events in id order, sync their catalog resources from their projects (orphaned events sync
 *       nothing) and mark exactly those events processed, all in one transaction that first proves the lease is
 *       still ours. If it no longer is, nothing is written ({@link WorkerRun.LeaseLost}).</li>
 *   <li>Whether or not the lease was obtained: if events remain pending and the flag is still on, enqueue the
 *       worker again.</li>
 * </ol>
 *
 * <p>Why the fence: the lease is taken in one statement and the batch written in another; a run paused between
 * them past the lease's time to live (a long GC pause, SIGSTOP, a VM migration) would otherwise wake up and write
 * a project value read before the pause over a newer one that the next holder synced, with the newer event
 * already marked processed: a lost update only {@code reconcile} would find.
 */
public class PerformSyncWorkerService implements PerformSyncWorker {

    /** One lease for every process working on this queue. The value is shared with running processes: keep it. */
    public static final String LEASE_KEY = "catalog_sync:process_sync_events:p_catalog_resource_sync_events";

    /**
     * GitLab's lease time to live: a run that dies holds the queue for at most this long. Each fenced batch grants
     * it again, so only a run paused or stuck for this long loses the lease.
     */
    public static final Duration LEASE_TIME_TO_LIVE = Duration.ofMinutes(1);

    private final SyncEventQueue queue;
    private final SyncBatches batches;
    private final ExclusiveLease lease;
    private final WorkerQueue workerQueue;
    private final FeatureFlagStates flags;
    private final SyncStatistics statistics;
    private final EnqueueStatistics enqueues;
    private final Clock clock;

    public PerformSyncWorkerService(
            SyncEventQueue queue,
            SyncBatches batches,
            ExclusiveLease lease,
            WorkerQueue workerQueue,
            FeatureFlagStates flags,
            SyncStatistics statistics,
            EnqueueStatistics enqueues,
            Clock clock) {
        this.queue = queue;
        this.batches = batches;
        this.lease = lease;
        this.workerQueue = workerQueue;
        this.flags = flags;
        this.statistics = statistics;
        this.enqueues = enqueues;
        this.clock = clock;
    }

    /** Reports every perform, normal or failed, once to the statistics with when it started and how long it took. */
    @Override
    public WorkerRun perform(BatchSize batchSize) {
        Instant started = clock.instant();
        WorkerRun run;
        try {
            run = performOnce(batchSize);
        } catch (RuntimeException e) {
            statistics.performFailed(e, started, Duration.between(started, clock.instant()));
            throw e;
        }
        statistics.performed(run, started, Duration.between(started, clock.instant()));
        return run;
    }

    private WorkerRun performOnce(BatchSize batchSize) {
        if (!flags.isEnabled(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS)) {
            statistics.flagDisabled();
            return new WorkerRun.FlagDisabled();
        }
        Optional<SyncBatches.Outcome> outcome = processUnderLease(batchSize);
        boolean reenqueued = enqueueWorkerIfPendingRemain();
        if (outcome.isEmpty()) {
            return new WorkerRun.LeaseBusy(reenqueued);
        }
        if (outcome.get() instanceof SyncBatches.Outcome.Synced synced) {
            return new WorkerRun.Processed(synced.result(), reenqueued);
        }
        return new WorkerRun.LeaseLost(reenqueued);
    }

    /** The batch's outcome, or empty when another run holds the lease. */
    private Optional<SyncBatches.Outcome> processUnderLease(BatchSize batchSize) {
        Optional<ExclusiveLease.Held> held = lease.tryObtain(LEASE_KEY, LEASE_TIME_TO_LIVE);
        if (held.isEmpty()) {
            statistics.leaseBusy();
            return Optional.empty();
        }
        try (ExclusiveLease.Held ours = held.get()) {
            Instant started = clock.instant();
            SyncBatches.Outcome outcome = batches.syncNextBatch(ours.token(), batchSize.value());
            if (outcome instanceof SyncBatches.Outcome.Synced synced) {
                statistics.batchProcessed(synced.result(), Duration.between(started, clock.instant()));
            } else {
                statistics.leaseLost();
            }
            return Optional.of(outcome);
        }
    }

    /** Checks the flag again: a run that finds it turned off mid-way finishes its batch but asks for no more. */
    private boolean enqueueWorkerIfPendingRemain() {
        if (queue.hasPending() && flags.isEnabled(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS)) {
            workerQueue.enqueue();
            enqueues.pathDecided(EnqueuePath.WORKER, "enqueued");
            return true;
        }
        return false;
    }
}
