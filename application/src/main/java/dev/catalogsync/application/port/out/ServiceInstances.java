package dev.catalogsync.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The services working on one database, for operators: each running service says it is alive every few seconds,
 * and any process can list those seen lately, with the scheduler's tasks each is executing now.
 *
 * <p>Contract: {@link #heartbeat} is one atomic upsert, idempotent, stamped with the store's clock (the one clock
 * every instance shares, as the lease's), which also forgets instances not seen for {@link #FORGET_AFTER}. The
 * {@link Activity} a heartbeat carries replaces the one before, and {@link #seenWithin} returns it verbatim.
 * {@link #leave} removes an instance at once; unknown names are ignored. {@link #seenWithin} is read-only, one
 * bounded read that takes no lock. Failures surface as unchecked exceptions.
 */
public interface ServiceInstances {

    /** A process that died without leaving is forgotten this long after it was last seen. */
    Duration FORGET_AFTER = Duration.ofDays(1);

    /** No instances anywhere: for drivers that run no service (the one-shot commands list, never beat). */
    ServiceInstances NONE = new ServiceInstances() {
        @Override
        public void heartbeat(String instance, Instant startedAt, Activity activity) {}

        @Override
        public void leave(String instance) {}

        @Override
        public List<Instance> seenWithin(Duration window) {
            return List.of();
        }
    };

    /** {@code instance} is alive now; it started at {@code startedAt}, and has nothing to tell of its work. */
    default void heartbeat(String instance, Instant startedAt) {
        heartbeat(instance, startedAt, Activity.NONE);
    }

    /** {@code instance} is alive now; it started at {@code startedAt}; {@code activity} is what it did last. */
    void heartbeat(String instance, Instant startedAt, Activity activity);

    /** {@code instance} stops: it is no longer listed. */
    void leave(String instance);

    /** The instances whose last heartbeat is at most {@code window} old, the one seen last first. */
    List<Instance> seenWithin(Duration window);

    /**
     * @param name unique per process, as in the scheduler's {@code picked_by}
     * @param running names of the scheduler's tasks this instance executes now (from the scheduler's own heartbeats);
     *     empty when none, or when the store cannot tell
     */
    record Instance(String name, Instant startedAt, Instant lastSeenAt, List<String> running, Activity activity) {

        public Instance {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(lastSeenAt, "lastSeenAt");
            running = List.copyOf(running);
            Objects.requireNonNull(activity, "activity");
        }

        /** An instance that told nothing of its work. */
        public Instance(String name, Instant startedAt, Instant lastSeenAt, List<String> running) {
            this(name, startedAt, lastSeenAt, running, Activity.NONE);
        }
    }

    /**
     * What an instance did last, so that a process other than the service (the {@code status} command) can tell
     * it: documents the service writes and reads back as they are (JSON objects, in the shape its own
     * {@code /status} shows them), never parsed by the store.
     *
     * @param lastWorkerRun the instance's last run of the worker, if it ran one
     * @param lastFailure the instance's last failed run of the worker, if one failed
     */
    record Activity(Optional<String> lastWorkerRun, Optional<String> lastFailure) {

        public static final Activity NONE = new Activity(Optional.empty(), Optional.empty());

        public Activity {
            Objects.requireNonNull(lastWorkerRun, "lastWorkerRun");
            Objects.requireNonNull(lastFailure, "lastFailure");
        }
    }
}
