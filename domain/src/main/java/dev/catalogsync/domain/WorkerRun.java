package dev.catalogsync.domain;

import java.util.Objects;

/** How one perform of the sync worker ended. Every ending is a normal outcome. */
public sealed interface WorkerRun {

    /** Whether the worker asked for another run because pending events remain (and the flag allows it). */
    boolean reenqueued();

    /** The flag was off: nothing was read or written, nothing was enqueued. */
    record FlagDisabled() implements WorkerRun {
        @Override
        public boolean reenqueued() {
            return false;
        }
    }

    /** Another run held the lease, so this one processed nothing. */
    record LeaseBusy(boolean reenqueued) implements WorkerRun {}

    /**
     * This run took the lease but had lost it by the time its batch was written (it was paused past the lease's
     * time to live), so the store refused the batch and nothing was written.
     */
    record LeaseLost(boolean reenqueued) implements WorkerRun {}

    /** A pass ran under the lease. */
    record Processed(BatchResult result, boolean reenqueued) implements WorkerRun {
        public Processed {
            Objects.requireNonNull(result, "result");
        }
    }
}
