package dev.catalogsync.adapters.scheduler.outbound.queue;

import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.EnqueueStatistics.QueueOutcome;
import dev.catalogsync.application.port.out.WorkerQueue;
import java.time.Duration;
import java.util.Objects;

/**
 * The sync worker's queue with the semantics GitLab gives it in Sidekiq, made explicit:
 * {@code deduplicate :until_executed, if_deduplicated: :reschedule_once, ttl: 1.minute}.
 *
 * <ul>
 *   <li><b>until_executed</b>: while a run is queued or executing, an enqueue is dropped. The {@link JobSlot}
 *       holds at most one job for the whole cluster.</li>
 *   <li><b>reschedule_once</b>: an enqueue dropped while a run executes makes exactly one more run after it,
 *       however many were dropped. Each dropped enqueue leaves a {@link RescheduleRequests request}; a run clears
 *       it when it {@link #runStarting() starts} (what happened before the run started, the run sees anyway),
 *       and {@link #runEnded takes} it once its job has left the slot, queuing one more run if it found one.</li>
 *   <li><b>1-minute expiry</b>: a job whose process died does not hold the slot forever; the scheduler
 *       declares it dead after {@link #DEDUPLICATION_TTL} without a heartbeat and runs it again. Unlike Sidekiq,
 *       the expiry never lets two runs of a live job coexist: a long run keeps its slot and is followed by one
 *       more run instead.</li>
 *   <li><b>idempotent perform</b>: the worker's perform is, so one run serves any number of enqueues.</li>
 * </ul>
 *
 * <p>Two orderings matter, both against a run that ends while an enqueue is being dropped. The enqueue leaves
 * its request and then tries the slot once more: if the run ended in between, that second try queues a run.
 * The ending run empties the slot first and takes the request second: a request left before the take is
 * honoured by the run; one left after it finds the slot empty on its second try. Either way the enqueue
 * leads to a run that starts after it.
 */
public final class UntilExecutedWorkerQueue implements WorkerQueue {

    /** Sidekiq's deduplication TTL for this worker: the longest a dead run keeps the slot. */
    public static final Duration DEDUPLICATION_TTL = Duration.ofMinutes(1);

    private final JobSlot slot;
    private final RescheduleRequests requests;
    private final EnqueueStatistics statistics;

    public UntilExecutedWorkerQueue(JobSlot slot, RescheduleRequests requests) {
        this(slot, requests, EnqueueStatistics.NOOP);
    }

    /** @param statistics told what became of each enqueue, and of each run owed after an executing one */
    public UntilExecutedWorkerQueue(JobSlot slot, RescheduleRequests requests, EnqueueStatistics statistics) {
        this.slot = Objects.requireNonNull(slot, "slot");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
    }

    @Override
    public void enqueue() {
        tryEnqueue();
    }

    /** {@link #enqueue()}, telling what became of it. */
    public EnqueueOutcome tryEnqueue() {
        EnqueueOutcome outcome = queueOrRequest();
        statistics.queue(outcome == EnqueueOutcome.QUEUED ? QueueOutcome.ENQUEUED : QueueOutcome.DEDUPLICATED);
        return outcome;
    }

    private EnqueueOutcome queueOrRequest() {
        if (slot.queueIfAbsent(Duration.ZERO)) {
            return EnqueueOutcome.QUEUED;
        }
        requests.request();
        if (slot.queueIfAbsent(Duration.ZERO)) {
            return EnqueueOutcome.QUEUED;
        }
        return EnqueueOutcome.DEDUPLICATED;
    }

    /** Called by a run as it starts, before it reads anything: requests made so far are served by this run. */
    public void runStarting() {
        requests.take();
    }

    /**
     * Called by a run once its job has left the slot, whether it succeeded or failed.
     *
     * @param delay when the one more run should start, if one was requested
     * @return whether one more run was requested while this one executed (and is now queued)
     */
    public boolean runEnded(Duration delay) {
        if (!requests.take()) {
            return false;
        }
        slot.queueIfAbsent(delay);
        statistics.queue(QueueOutcome.RESCHEDULED);
        return true;
    }

    /**
     * Queues a run {@code delay} from now unless one is queued or executing: for a run that failed or was abandoned
     * and must be tried again whether or not anyone asked for one more.
     *
     * @return whether this call queued it
     */
    public boolean retryAfter(Duration delay) {
        return slot.queueIfAbsent(delay);
    }
}
