package dev.catalogsync.application.port.in;

/**
 * Performs the sync worker until it asks for no further run: the queue is empty, or the flag is off. A run
 * that finds the lease held by another process waits briefly and tries again, so two drains side by side
 * both finish, and neither gives up while events remain.
 */
public interface DrainSyncEvents {

    DrainReport drain(BatchSize batchSize, Listener listener);

    /** Totals of one drain. */
    record DrainReport(int runs, long processedEvents, boolean stoppedByFlag) {
    }

    /** Told after each run, for progress output. */
    @FunctionalInterface
    interface Listener {

        Listener NONE = (run, processedSoFar) -> { };

        void afterRun(WorkerRun run, long processedSoFar);
    }
}
