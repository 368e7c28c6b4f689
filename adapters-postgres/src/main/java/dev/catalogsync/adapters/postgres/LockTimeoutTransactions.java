package dev.catalogsync.adapters.postgres;

import dev.catalogsync.application.port.out.PartitionChange;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Runs each partition change as one transaction that waits for no lock longer than the lock timeout: the one
 * place where that policy lives.
 *
 * <p>DDL waits hold up writers: while a {@code LOCK} or {@code ALTER} waits for a long transaction, every new
 * writer of the queue (so every {@code UPDATE projects} that fires the trigger) waits behind it. Hence
 * {@code SET LOCAL lock_timeout} first in every transaction, and a lock not granted in time, or a deadlock
 * (PostgreSQL resolves it by cancelling one side), rolls everything back and becomes
 * {@link PartitionChange.LockNotGranted} instead of writers stalled behind a stalled DDL. Nothing here tries again:
 * retrying is the caller's choice ({@code MaintainQueuePartitionsService} makes a few attempts, then leaves the
 * step for the next round).
 *
 * <p>A change that answers anything but {@link PartitionChange.Done} is rolled back as well. Any other failure
 * (a killed session, a statement timeout) propagates as jOOQ's {@link DataAccessException}, also rolled back.
 */
final class LockTimeoutTransactions {

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String DEADLOCK_DETECTED = "40P01";

    /** One change's statements, run inside its transaction on {@code tx}. */
    @FunctionalInterface
    interface Change {
        PartitionChange apply(DSLContext tx);
    }

    private final DSLContext dsl;
    private final Duration lockTimeout;

    /** @throws IllegalArgumentException when {@code lockTimeout} is not positive (0 would mean no limit) */
    LockTimeoutTransactions(DSLContext dsl, Duration lockTimeout) {
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "lockTimeout must be positive (0 would mean no limit), was " + lockTimeout);
        }
        this.dsl = dsl;
        this.lockTimeout = lockTimeout;
    }

    /**
     * Runs {@code change} in one transaction under the short lock timeout and commits it when it answers
     * {@link PartitionChange.Done}.
     *
     * @param what names the change in a {@link PartitionChange.LockNotGranted}'s detail, e.g. "create partition 2"
     */
    PartitionChange run(String what, Change change) {
        try {
            return dsl.transactionResult(configuration -> {
                DSLContext tx = configuration.dsl();
                tx.execute("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
                PartitionChange result = change.apply(tx);
                if (!(result instanceof PartitionChange.Done)) {
                    // Roll back: a refused change must leave no trace, not even its locks' side effects.
                    throw new RefusedInTransaction(result);
                }
                return result;
            });
        } catch (RefusedInTransaction refused) {
            return refused.result;
        } catch (DataAccessException e) {
            String state = e.sqlState();
            if (LOCK_NOT_AVAILABLE.equals(state) || DEADLOCK_DETECTED.equals(state)) {
                return new PartitionChange.LockNotGranted(what + ": "
                        + (DEADLOCK_DETECTED.equals(state)
                                ? "deadlock with another transaction, cancelled by PostgreSQL"
                                : "a lock was not granted within " + lockTimeout.toMillis()
                                        + " ms; a long transaction holds it"));
            }
            throw e;
        }
    }

    /** Carries a refusal out of jOOQ's transaction so that it rolls back. */
    private static final class RefusedInTransaction extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient PartitionChange result;

        RefusedInTransaction(PartitionChange result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
