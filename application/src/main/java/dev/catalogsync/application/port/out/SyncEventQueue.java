package dev.catalogsync.application.port.out;

import dev.catalogsync.domain.PendingRange;
import dev.catalogsync.domain.SyncBatch;
import java.util.Optional;

/**
 * The queue of sync events that the trigger on {@code projects} fills.
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li>Each method is one atomic read or write and commits on return; none holds a lock afterwards.</li>
 *   <li>Memory is bounded by the {@code limit} given, never by the size of the backlog.</li>
 *   <li>Failures to reach the store surface as unchecked exceptions; nothing is marked when one is thrown.</li>
 * </ul>
 */
public interface SyncEventQueue {

    /** The lowest and highest pending ids, or empty when nothing is pending. */
    Optional<PendingRange> pendingRange();

    /**
     * Up to {@code limit} pending events, lowest id first. Reading does not claim them: a caller that wants
     * exclusivity holds the {@link ExclusiveLease} around read and mark.
     */
    SyncBatch nextPendingBatch(int limit);

    /**
     * Marks processed exactly the batch's events that are still pending, each named by its id and partition as
     * {@link #nextPendingBatch(int)} returned it. Events not in the batch, such as ones queued since it was read,
     * stay pending; events of the batch already processed, or gone with their partition, are left as they are.
     * Idempotent: marking the same batch again changes nothing. Atomic like every method here, also when the
     * batch spans partitions; an empty batch costs nothing.
     *
     * @return how many events changed from pending to processed
     */
    int markProcessed(SyncBatch batch);

    /** Whether any event is pending. */
    boolean hasPending();
}
