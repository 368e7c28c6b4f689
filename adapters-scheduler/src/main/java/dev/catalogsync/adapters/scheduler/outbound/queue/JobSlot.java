package dev.catalogsync.adapters.scheduler.outbound.queue;

import java.time.Duration;

/**
 * The one place where the sync worker's job can be, shared by every instance of the service: empty, queued,
 * or executing. A job that exists (queued or executing) cannot be queued again: this is what makes
 * {@code until_executed} hold across the cluster.
 *
 * <p>Contract: {@link #queueIfAbsent} is atomic across processes (of two concurrent calls on an empty slot,
 * exactly one queues); the slot is emptied by the run that took the job, once it has finished, or by the
 * scheduler when the process running it died (after {@link UntilExecutedWorkerQueue#DEDUPLICATION_TTL}).
 */
public interface JobSlot {

    /**
     * Queues a run {@code delay} from now unless a run is queued or executing.
     *
     * @return whether this call queued it
     */
    boolean queueIfAbsent(Duration delay);
}
