package dev.catalogsync.application.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Who holds a lease, as a value a fenced write can name: the lease's key, the holder's own token (unique to one
 * {@link ExclusiveLease#tryObtain} that succeeded, never reused) and the time to live it was taken with, which a
 * fenced write grants the holder again. Comparing it with the store's current holder, in the transaction that
 * writes, is what makes a holder whose time ran out write nothing ({@link SyncBatches}).
 */
public record LeaseToken(String key, UUID owner, Duration timeToLive) {

    public LeaseToken {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("timeToLive must be positive, was " + timeToLive);
        }
    }
}
