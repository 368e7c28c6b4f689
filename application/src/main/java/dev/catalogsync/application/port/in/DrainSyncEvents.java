package dev.catalogsync.application.port.in;

import dev.catalogsync.domain.WorkerRun;
import java.util.Objects;

/**
 * Performs the sync worker until it asks for no further run: the queue is empty, or the flag is off. A run
 * that finds the lease held by another process waits briefly and tries again, so two drains side by side
 * both finish, and neither gives up while events remain.
 *
 * <p>Contract: each run is one {@link PerformSyncWorker#perform}, with its guarantees; the drain adds no
 * atomicity of its own, so a drain that fails or is interrupted part-way has kept every batch it finished and
 * left the rest pending. Safe to run beside another drain or the service. An interrupt of the calling thread
 * while it waits for the lease ends the drain ({@link StopReason#INTERRUPTED}) with the interrupt flag kept set.
 * Failures of a run surface as its unchecked exceptions.
 */
public interface DrainSyncEvents {

    DrainReport drain(BatchSize batchSize, Listener listener);

    /**
     * Totals of one drain.
     *
     * @param runs how many times the worker was performed
     * @param processedEvents events marked processed over all runs
     * @param stoppedBy why the drain ended
     */
    record DrainReport(int runs, long processedEvents, StopReason stoppedBy) {

        public DrainReport {
            Objects.requireNonNull(stoppedBy, "stoppedBy");
        }
    }

    /** Why a drain ended. Every reason is a normal outcome. */
    enum StopReason {
        /** The last run asked for no further run: it saw no pending event left (or the flag went off as it ran). */
        EMPTY_QUEUE,
        /** {@code ci_process_catalog_resource_sync_events} was disabled: events stay queued until it is on. */
        FEATURE_FLAG,
        /** The thread was interrupted while waiting for another run's lease; events may remain pending. */
        INTERRUPTED
    }

    /** Told after each run, for progress output. */
    @FunctionalInterface
    interface Listener {

        Listener NONE = (run, processedSoFar) -> {};

        void afterRun(WorkerRun run, long processedSoFar);
    }
}
