package dev.catalogsync.application.fakes;

import dev.catalogsync.application.port.out.ExclusiveLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Leases in a map, timed by a clock the test controls. */
public class InMemoryExclusiveLease implements ExclusiveLease {

    private record Holder(Object token, Instant expiresAt) {}

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
        Object token = new Object();
        holders.put(key, new Holder(token, now.plus(timeToLive)));
        return Optional.of(() -> release(key, token));
    }

    @Override
    public synchronized boolean isHeld(String key) {
        Holder current = holders.get(key);
        return current != null && current.expiresAt().isAfter(clock.instant());
    }

    private synchronized void release(String key, Object token) {
        Holder current = holders.get(key);
        if (current != null && current.token() == token) {
            holders.remove(key);
        }
    }

    /** Makes the current holder's time run out. */
    public synchronized void expire(String key) {
        holders.computeIfPresent(key, (k, holder) -> new Holder(holder.token(), Instant.MIN));
    }
}
