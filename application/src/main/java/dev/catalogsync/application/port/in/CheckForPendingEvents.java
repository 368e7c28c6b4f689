package dev.catalogsync.application.port.in;

/**
 * The service's idle poll: enqueues the sync worker when events are pending and the flag is enabled, so that
 * updates made by direct or bulk SQL, which no callback reports, are synced within moments instead of at the
 * next cron tick. Costs no query while the flag is off (the flag is read from a short cache) and one index
 * probe of the pending events otherwise; never writes unless it enqueues.
 *
 * <p>Contract: reads take no lock; idempotent, since the worker queue drops an enqueue while a run is already
 * queued, so checking as often as wanted enqueues at most one run at a time. Every answer is a normal
 * {@link PendingCheck}; failures to reach the queue or the flags surface as unchecked exceptions, and nothing is
 * enqueued then.
 */
public interface CheckForPendingEvents {

    PendingCheck check();

    /** What one check found. */
    enum PendingCheck {
        ENQUEUED,
        NOTHING_PENDING,
        FEATURE_FLAG_DISABLED
    }
}
