package dev.catalogsync.adapters.scheduler.outbound.queue;

/** What became of one enqueue of the sync worker. */
public enum EnqueueOutcome {
    /** No run was queued or executing: this enqueue queued one. */
    QUEUED,
    /**
     * A run was queued or executing, so this enqueue was dropped; it left a request for one more run, which the
     * executing run honours once it ends (a queued run covers it by itself, and clears the request as it starts).
     */
    DEDUPLICATED
}
