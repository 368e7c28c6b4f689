package dev.catalogsync.application.service;

import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.DrainSyncEvents;
import dev.catalogsync.application.port.in.PerformSyncWorker;
import dev.catalogsync.application.port.out.Pause;
import dev.catalogsync.domain.WorkerRun;
import java.time.Duration;

/** Runs the worker the way its re-enqueue chain would, in the caller's thread, until it stops asking. */
public class DrainSyncEventsService implements DrainSyncEvents {

    /**
     * How long to wait before trying again when another run holds the lease (or took it over from this one); its
     * batch takes milliseconds.
     */
    public static final Duration LEASE_RETRY_DELAY = Duration.ofMillis(100);

    private final PerformSyncWorker worker;
    private final Pause pause;

    public DrainSyncEventsService(PerformSyncWorker worker, Pause pause) {
        this.worker = worker;
        this.pause = pause;
    }

    @Override
    public DrainReport drain(BatchSize batchSize, Listener listener) {
        int runs = 0;
        long processed = 0;
        while (true) {
            WorkerRun run = worker.perform(batchSize);
            runs++;
            if (run instanceof WorkerRun.Processed done) {
                processed += done.result().processedEvents().orElse(0);
            }
            listener.afterRun(run, processed);
            if (run instanceof WorkerRun.FlagDisabled) {
                return new DrainReport(runs, processed, StopReason.FEATURE_FLAG);
            }
            if (!run.reenqueued()) {
                return new DrainReport(runs, processed, StopReason.EMPTY_QUEUE);
            }
            if (run instanceof WorkerRun.LeaseBusy || run instanceof WorkerRun.LeaseLost) {
                pause.pause(LEASE_RETRY_DELAY);
                if (Thread.currentThread().isInterrupted()) {
                    return new DrainReport(runs, processed, StopReason.INTERRUPTED);
                }
            }
        }
    }
}
