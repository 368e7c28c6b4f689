package dev.catalogsync.adapters.scheduler.outbound.queue;

/**
 * The marker behind {@code if_deduplicated: :reschedule_once}: a request for one more run, left by an enqueue
 * that was dropped because a run was queued or executing. Shared by every instance of the service.
 *
 * <p>Contract: each method is atomic and commits on return. Requesting twice leaves one request; of two
 * concurrent {@link #take} calls at most one returns {@code true}.
 */
public interface RescheduleRequests {

    /** Leaves a request, or keeps the one already there. */
    void request();

    /** Removes the request. @return whether there was one */
    boolean take();
}
