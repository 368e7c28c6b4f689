package dev.catalogsync.application.port.out;

import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.WorkerRun;
import java.time.Duration;
import java.time.Instant;

/**
 * What the worker reports about itself, for metrics, logs and the service's status. Every perform reports exactly
 * once through {@link #performed} or {@link #performFailed}; a pass under the lease also through
 * {@link #batchProcessed}, a skip through {@link #leaseBusy} or {@link #flagDisabled}.
 *
 * <p>Contract: implementations must not throw and must not block for long: they are called in the worker's thread,
 * between its statements.
 */
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

    /** A perform ended normally (every {@link WorkerRun} is normal), having started at {@code startedAt}. */
    default void performed(WorkerRun run, Instant startedAt, Duration took) {}

    /** A perform failed with {@code failure}, which the worker passes on after this call. */
    default void performFailed(RuntimeException failure, Instant startedAt, Duration took) {}
}
