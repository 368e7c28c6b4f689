package dev.catalogsync.application.port.out;

import dev.catalogsync.domain.PendingRange;
import java.util.Optional;

/**
 * The queue of sync events that the trigger on {@code projects} fills, as the core reads it: what is pending.
 * Taking, syncing and marking events is {@link SyncBatches}' one atomic call.
 *
 * <p>Contract for every implementation: each method is one read in its own transaction that takes no lock and
 * costs the same whatever the backlog (index probes, no count); failures to reach the store surface as
 * unchecked exceptions.
 */
public interface SyncEventQueue {

    /** The lowest and highest pending ids, or empty when nothing is pending. */
    Optional<PendingRange> pendingRange();

    /** Whether any event is pending. */
    boolean hasPending();
}
