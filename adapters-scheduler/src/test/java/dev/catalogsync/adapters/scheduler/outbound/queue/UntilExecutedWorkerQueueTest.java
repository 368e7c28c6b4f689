package dev.catalogsync.adapters.scheduler.outbound.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sidekiq's until_executed and reschedule_once, on an in-memory slot whose job a test queues, starts and ends
 * by hand, so that every interleaving the class documents can be played out.
 */
class UntilExecutedWorkerQueueTest {

    /** A slot that is empty, queued or executing, with hooks to play a run ending in between two calls. */
    private static final class InMemorySlot implements JobSlot {
        enum State {
            EMPTY,
            QUEUED,
            EXECUTING
        }

        State state = State.EMPTY;
        final List<Duration> queuedWithDelay = new ArrayList<>();
        Runnable beforeNextQueue = () -> {};

        @Override
        public boolean queueIfAbsent(Duration delay) {
            Runnable hook = beforeNextQueue;
            beforeNextQueue = () -> {};
            hook.run();
            if (state != State.EMPTY) {
                return false;
            }
            state = State.QUEUED;
            queuedWithDelay.add(delay);
            return true;
        }
    }

    private static final class InMemoryRequests implements RescheduleRequests {
        boolean requested;
        Runnable beforeNextRequest = () -> {};

        @Override
        public void request() {
            Runnable hook = beforeNextRequest;
            beforeNextRequest = () -> {};
            hook.run();
            requested = true;
        }

        @Override
        public boolean take() {
            boolean was = requested;
            requested = false;
            return was;
        }
    }

    private final InMemorySlot slot = new InMemorySlot();
    private final InMemoryRequests requests = new InMemoryRequests();
    private final UntilExecutedWorkerQueue queue = new UntilExecutedWorkerQueue(slot, requests);

    private void startRun() {
        assertThat(slot.state).isEqualTo(InMemorySlot.State.QUEUED);
        slot.state = InMemorySlot.State.EXECUTING;
        queue.runStarting();
    }

    /** As the scheduler does: the job leaves the slot, then the run asks for its one more run. */
    private boolean endRun() {
        slot.state = InMemorySlot.State.EMPTY;
        return queue.runEnded(Duration.ZERO);
    }

    @Test
    void an_enqueue_with_nothing_queued_queues_a_run() {
        assertThat(queue.tryEnqueue()).isEqualTo(EnqueueOutcome.QUEUED);
        assertThat(slot.state).isEqualTo(InMemorySlot.State.QUEUED);
    }

    @Test
    void enqueues_while_a_run_is_queued_are_dropped_and_owe_nothing_after_it() {
        queue.tryEnqueue();

        assertThat(queue.tryEnqueue()).isEqualTo(EnqueueOutcome.DEDUPLICATED);
        assertThat(queue.tryEnqueue()).isEqualTo(EnqueueOutcome.DEDUPLICATED);
        startRun();

        assertThat(endRun()).as("one more run").isFalse();
        assertThat(slot.state).isEqualTo(InMemorySlot.State.EMPTY);
        assertThat(slot.queuedWithDelay).hasSize(1);
    }

    @Test
    void enqueues_dropped_while_a_run_executes_make_exactly_one_more_run_after_it() {
        queue.tryEnqueue();
        startRun();

        assertThat(queue.tryEnqueue()).isEqualTo(EnqueueOutcome.DEDUPLICATED);
        assertThat(queue.tryEnqueue()).isEqualTo(EnqueueOutcome.DEDUPLICATED);
        assertThat(queue.tryEnqueue()).isEqualTo(EnqueueOutcome.DEDUPLICATED);

        assertThat(endRun()).as("one more run").isTrue();
        assertThat(slot.state).isEqualTo(InMemorySlot.State.QUEUED);
        startRun();
        assertThat(endRun()).as("and no second one").isFalse();
        assertThat(slot.queuedWithDelay).hasSize(2);
    }

    @Test
    void a_run_that_ends_between_the_dropped_enqueue_and_its_request_still_leads_to_a_run() {
        queue.tryEnqueue();
        startRun();
        requests.beforeNextRequest = this::endRun;

        assertThat(queue.tryEnqueue()).isEqualTo(EnqueueOutcome.QUEUED);
        assertThat(slot.state).isEqualTo(InMemorySlot.State.QUEUED);
    }

    @Test
    void a_run_that_ends_after_the_request_but_before_the_second_try_honours_the_request_once() {
        queue.tryEnqueue();
        startRun();
        slot.beforeNextQueue = () -> slot.beforeNextQueue = this::endRun;

        assertThat(queue.tryEnqueue()).isEqualTo(EnqueueOutcome.DEDUPLICATED);

        assertThat(slot.state).as("queued by the ending run").isEqualTo(InMemorySlot.State.QUEUED);
        startRun();
        assertThat(endRun()).isFalse();
    }

    @Test
    void a_request_left_by_a_run_that_ended_first_is_cleared_by_the_next_run_as_it_starts() {
        queue.tryEnqueue();
        startRun();
        requests.beforeNextRequest = this::endRun;
        queue.tryEnqueue();
        assertThat(requests.requested).as("left behind").isTrue();

        startRun();

        assertThat(requests.requested).isFalse();
        assertThat(endRun()).isFalse();
    }

    @Test
    void the_one_more_run_starts_after_the_delay_the_ending_run_asks_for() {
        queue.tryEnqueue();
        startRun();
        queue.tryEnqueue();
        slot.state = InMemorySlot.State.EMPTY;

        queue.runEnded(Duration.ofSeconds(1));

        assertThat(slot.queuedWithDelay).containsExactly(Duration.ZERO, Duration.ofSeconds(1));
    }
}
