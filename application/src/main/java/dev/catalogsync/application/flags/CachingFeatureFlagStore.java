package dev.catalogsync.application.flags;

import dev.catalogsync.application.port.out.FeatureFlagStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each flag's stored override for a short time, so that a service that checks the flag for every
 * callback and every poll reads it from the store at most once per {@code timeToLive} per flag. A change made
 * elsewhere (another process, the CLI) is seen at most {@code timeToLive} later; a change made through this
 * instance is seen at once. Failures of the store are passed on and never cached.
 *
 * <p>Thread-safe. Two threads that find the entry stale at the same moment may both read the store; that costs
 * one extra read, never a wrong answer.
 */
public class CachingFeatureFlagStore implements FeatureFlagStore {

    /** The most a service may lag behind a flag change: the issue asks for "within a second". */
    public static final Duration MAXIMUM_TIME_TO_LIVE = Duration.ofSeconds(1);

    private record Entry(Optional<Boolean> override, Instant readAt) {}

    private final FeatureFlagStore store;
    private final Clock clock;
    private final Duration timeToLive;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException when {@code timeToLive} is negative or above {@link #MAXIMUM_TIME_TO_LIVE} */
    public CachingFeatureFlagStore(FeatureFlagStore store, Clock clock, Duration timeToLive) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (timeToLive.isNegative() || timeToLive.compareTo(MAXIMUM_TIME_TO_LIVE) > 0) {
            throw new IllegalArgumentException(
                    "timeToLive must be between 0 and " + MAXIMUM_TIME_TO_LIVE + ", was " + timeToLive);
        }
        this.timeToLive = timeToLive;
    }

    /** Read through: listing flags is for operators, not a hot path. */
    @Override
    public Map<String, Boolean> overrides() {
        return store.overrides();
    }

    @Override
    public Optional<Boolean> override(String name) {
        Instant now = clock.instant();
        Entry cached = entries.get(name);
        if (cached != null && now.isBefore(cached.readAt().plus(timeToLive))) {
            return cached.override();
        }
        Optional<Boolean> fresh = store.override(name);
        entries.put(name, new Entry(fresh, now));
        return fresh;
    }

    @Override
    public void setOverride(String name, boolean enabled) {
        try {
            store.setOverride(name, enabled);
        } finally {
            entries.remove(name);
        }
    }

    @Override
    public boolean deleteOverride(String name) {
        try {
            return store.deleteOverride(name);
        } finally {
            entries.remove(name);
        }
    }
}
