package dev.catalogsync.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The services working on one database, for operators: each running service says it is alive every few seconds,
 * and any process can list those seen lately, with the scheduler's tasks each is executing now.
 *
 * <p>Contract: {@link #heartbeat} is one atomic upsert, idempotent, stamped with the store's clock (the one clock
 * every instance shares, as the lease's), which also forgets instances not seen for {@link #FORGET_AFTER}.
 * {@link #leave} removes an instance at once; unknown names are ignored. {@link #seenWithin} is read-only, one
 * bounded read that takes no lock. Failures surface as unchecked exceptions.
 */
public interface ServiceInstances {

    /** A process that died without leaving is forgotten this long after it was last seen. */
    Duration FORGET_AFTER = Duration.ofDays(1);

    /** No instances anywhere: for drivers that run no service (the one-shot commands list, never beat). */
    ServiceInstances NONE = new ServiceInstances() {
        @Override
        public void heartbeat(String instance, Instant startedAt) {}

        @Override
        public void leave(String instance) {}

        @Override
        public List<Instance> seenWithin(Duration window) {
            return List.of();
        }
    };

    /** {@code instance} is alive now; it started at {@code startedAt}. */
    void heartbeat(String instance, Instant startedAt);

    /** {@code instance} stops: it is no longer listed. */
    void leave(String instance);

    /** The instances whose last heartbeat is at most {@code window} old, the one seen last first. */
    List<Instance> seenWithin(Duration window);

    /**
     * @param name unique per process, as in the scheduler's {@code picked_by}
     * @param running names of the scheduler's tasks this instance executes now (from the scheduler's own heartbeats);
     *     empty when none, or when the store cannot tell
     */
    record Instance(String name, Instant startedAt, Instant lastSeenAt, List<String> running) {

        public Instance {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(lastSeenAt, "lastSeenAt");
            running = List.copyOf(running);
        }
    }
}
