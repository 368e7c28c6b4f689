package dev.catalogsync.application.fakes;

import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.LeaseToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leases in a map, timed by a clock the test controls. {@link #extendIfHeld} is the fence {@link
 * InMemorySyncBatches} checks; holding this object's monitor while a batch runs keeps takers out until it ends.
 */
public class InMemoryExclusiveLease implements ExclusiveLease {

    private record Holder(UUID owner, Instant expiresAt) {}

    private final Map<String, Holder> holders = new HashMap<>();
    private final Clock clock;

    public InMemoryExclusiveLease(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Held> tryObtain(String key, Duration timeToLive) {
        Instant now = clock.instant();
        Holder current = holders.get(key);
        if (current != null && current.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        LeaseToken token = new LeaseToken(key, UUID.randomUUID(), timeToLive);
        holders.put(key, new Holder(token.owner(), now.plus(timeToLive)));
        return Optional.of(new InMemoryHeld(token));
    }

    @Override
    public synchronized boolean isHeld(String key) {
        Holder current = holders.get(key);
        return current != null && current.expiresAt().isAfter(clock.instant());
    }

    /**
     * The fence: whether {@code token} names the current, unexpired holder of its key; if so its time to live
     * starts again now.
     */
    synchronized boolean extendIfHeld(LeaseToken token) {
        Instant now = clock.instant();
        Holder current = holders.get(token.key());
        if (current == null
                || !current.owner().equals(token.owner())
                || !current.expiresAt().isAfter(now)) {
            return false;
        }
        holders.put(token.key(), new Holder(token.owner(), now.plus(token.timeToLive())));
        return true;
    }

    private synchronized void release(LeaseToken token) {
        Holder current = holders.get(token.key());
        if (current != null && current.owner().equals(token.owner())) {
            holders.remove(token.key());
        }
    }

    /** Makes the current holder's time run out. */
    public synchronized void expire(String key) {
        holders.computeIfPresent(key, (k, holder) -> new Holder(holder.owner(), Instant.MIN));
    }

    private final class InMemoryHeld implements Held {

        private final LeaseToken token;
        private final AtomicBoolean released = new AtomicBoolean();

        private InMemoryHeld(LeaseToken token) {
            this.token = token;
        }

        @Override
        public LeaseToken token() {
            return token;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(token);
            }
        }
    }
}
