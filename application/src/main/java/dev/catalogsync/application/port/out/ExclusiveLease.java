package dev.catalogsync.application.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * A named lock that expires by itself, shared by every process that works on the same database (GitLab's
 * {@code Gitlab::ExclusiveLease}, without Redis).
 *
 * <p>Contract: at most one holder per key at a time until the holder releases it or its time to live runs
 * out; a holder that dies without releasing blocks others for at most the time to live. Never waits for a
 * holder: a lease held by someone else is an empty result, not an exception.
 *
 * <p>Holding a lease proves nothing by itself once time has passed: a holder paused past its time to live (a long
 * GC, SIGSTOP, a VM migration) still believes it holds it. Writes that must not happen after the lease is lost
 * name the holder's {@link Held#token()} and are checked by the store in their own transaction
 * ({@link SyncBatches}); that check, not this object, is the guarantee.
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

        /** This holding, as fenced writes name it; distinct for every successful {@link #tryObtain}. */
        LeaseToken token();

        @Override
        void close();
    }
}
