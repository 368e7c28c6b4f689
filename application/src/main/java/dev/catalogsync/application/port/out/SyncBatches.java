package dev.catalogsync.application.port.out;

import dev.catalogsync.domain.BatchResult;
import java.util.Objects;

/**
 * Syncs the next batch of pending events: takes them, copies each one's project's name, description and
 * visibility level into its catalog resource, and marks exactly those events processed, as one atomic unit
 * fenced by the worker's lease.
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li><b>Fenced.</b> The store checks, in the same transaction as the writes and on its own clock, that
 *       {@code fence} names the lease's current holder and that its time to live has not run out; if so it grants
 *       the holder the lease's time to live again from now, and no other caller can take the lease over until the
 *       batch has committed. If not, nothing at all is written and the answer is {@link Outcome.LeaseLost}: a
 *       normal outcome, not a failure. So a holder paused past its lease (GC, SIGSTOP, a statement stuck on a lock)
 *       cannot write an older project value over a newer one that the next holder synced, whatever the clocks of
 *       the processes say.</li>
 *   <li><b>Atomic.</b> The copies and the marks commit together or not at all; a failure or a lost connection
 *       leaves every event of the batch pending and every resource as it was, and the next batch redoes it (the
 *       copy is idempotent: a resource already equal to its project is not written).</li>
 *   <li><b>GitLab's batch.</b> Up to {@code limit} pending events, lowest id first. Each catalog resource they
 *       name is synced once from its project's current values; an event whose resource no longer exists (orphaned)
 *       copies nothing and is still marked processed. Only the events taken are marked: events queued meanwhile
 *       stay pending. The result is GitLab's: {@code estimated_total_events} is {@link
 *       dev.catalogsync.domain.PendingRange#estimatedTotal()} as the batch found the queue, {@code
 *       consumable_events} how many it took, {@code processed_events} how many of those it changed from pending to
 *       processed (absent when none was consumable).</li>
 *   <li><b>Bounded.</b> One batch holds its locks only while it runs, and runs for at most a fixed time well
 *       below any lease's time to live, waiting for a lock at most a shorter one; past either it fails as a whole
 *       with an unchecked exception. Memory is bounded by {@code limit}, never by the backlog.</li>
 * </ul>
 */
public interface SyncBatches {

    /**
     * @param limit the most events to take, 1 or more
     * @throws IllegalArgumentException when {@code limit} is below 1
     */
    Outcome syncNextBatch(LeaseToken fence, int limit);

    /** How a fenced batch ended. Both are normal outcomes. */
    sealed interface Outcome {

        /** The lease was still ours: the batch was taken, synced and marked (possibly empty). */
        record Synced(BatchResult result) implements Outcome {
            public Synced {
                Objects.requireNonNull(result, "result");
            }
        }

        /** The lease was no longer ours (expired, taken over or released): nothing was written. */
        record LeaseLost() implements Outcome {}
    }
}
