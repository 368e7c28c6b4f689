package dev.catalogsync.application.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * A named lock that expires by itself, shared by every process that works on the same database (GitLab's
 * {@code Gitlab::ExclusiveLease}, without Redis).
 *
 * <p>Contract: at most one holder per key at a time until the holder releases it or its time to live runs
 * out; a holder that dies without releasing blocks others for at most the time to live. Never waits: a
 * lease held by someone else is an empty result, not an exception.
 */
public interface ExclusiveLease {

    /** Takes the lease for {@code key} if nobody holds it, or if the last holder's time ran out. */
    Optional<Held> tryObtain(String key, Duration timeToLive);

    /**
     * Whether anyone holds the lease for {@code key} now (its time to live has not run out): for operators and
     * metrics, never to decide whether to take it. One bounded read; takes no lock.
     */
    boolean isHeld(String key);

    /** A lease this process holds. Closing it releases the lease if it is still ours; closing twice is fine. */
    interface Held extends AutoCloseable {

        @Override
        void close();
    }
}
