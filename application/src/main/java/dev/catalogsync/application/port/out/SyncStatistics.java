package dev.catalogsync.application.port.out;

import dev.catalogsync.domain.BatchResult;
import java.time.Duration;

/** What the worker reports about itself, for metrics and logs. Implementations must not throw. */
public interface SyncStatistics {

    SyncStatistics NOOP = new SyncStatistics() {};

    /** A pass ran under the lease. */
    default void batchProcessed(BatchResult result, Duration took) {}

    /** A pass found the lease held by another run and skipped. */
    default void leaseBusy() {}

    /**
     * A pass held the lease when it started but had lost it when its batch came to be written (it was paused past
     * the lease's time to live, and another run may have taken over): it wrote nothing.
     */
    default void leaseLost() {}

    /** A perform found the flag disabled and did nothing. */
    default void flagDisabled() {}
}
