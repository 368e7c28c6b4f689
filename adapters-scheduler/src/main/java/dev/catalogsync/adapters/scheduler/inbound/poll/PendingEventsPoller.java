package dev.catalogsync.adapters.scheduler.inbound.poll;

import dev.catalogsync.application.port.in.CheckForPendingEvents;
import dev.catalogsync.application.port.in.CheckForPendingEvents.PendingCheck;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the idle poll ({@link CheckForPendingEvents}) on a thread of its own, every {@link #INTERVAL} while the
 * database answers, backing off up to {@link #BACKOFF_CEILING} while it does not. This is what brings updates
 * made by direct or bulk SQL, which no callback reports, to the mirror within about a second; the cron stays
 * as the safety net.
 *
 * <p>Why a poll and not LISTEN/NOTIFY: a {@code NOTIFY} in the trigger would make every transaction that
 * updates a catalog project take PostgreSQL's global notification lock at commit, serialising the writers of
 * {@code projects}; the poll costs the writers nothing, and the service one index probe per interval.
 */
public final class PendingEventsPoller implements AutoCloseable {

    /** Well under a second: a direct SQL update waits at most this long before a run is queued. */
    public static final Duration INTERVAL = Duration.ofMillis(250);

    /**
     * The longest wait between two tries while the database is unreachable: short enough that a database back from
     * an outage is polled, and the sync resumed, within seconds.
     */
    public static final Duration BACKOFF_CEILING = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(PendingEventsPoller.class);

    private final CheckForPendingEvents check;
    private final Backoff backoff;
    private final ScheduledExecutorService thread;
    private int consecutiveFailures;
    private volatile boolean closed;

    public PendingEventsPoller(CheckForPendingEvents check) {
        this(check, new Backoff(INTERVAL, BACKOFF_CEILING));
    }

    public PendingEventsPoller(CheckForPendingEvents check, Backoff backoff) {
        this.check = Objects.requireNonNull(check, "check");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread poller = new Thread(runnable, "catalog-sync-pending-poll");
            poller.setDaemon(true);
            return poller;
        });
    }

    public void start() {
        thread.execute(this::tick);
    }

    private void tick() {
        Duration next = pollOnce();
        if (!closed) {
            thread.schedule(this::tick, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * One poll, in the caller's thread. Never throws: a failure is logged and counted.
     *
     * @return how long to wait before the next poll
     */
    public Duration pollOnce() {
        try {
            PendingCheck found = check.check();
            if (consecutiveFailures > 0) {
                LOG.info(
                        "database reachable again after {} failed polls; polling every {} ms",
                        consecutiveFailures,
                        backoff.interval().toMillis());
            }
            consecutiveFailures = 0;
            LOG.trace("pending poll: {}", found);
        } catch (RuntimeException e) {
            consecutiveFailures++;
            Duration next = backoff.delayAfter(consecutiveFailures);
            LOG.warn(
                    "pending poll failed ({} in a row), next try in {} ms: {}",
                    consecutiveFailures,
                    next.toMillis(),
                    rootMessage(e));
            return next;
        }
        return backoff.interval();
    }

    /** Stops polling; a poll in progress finishes first (it is one short query). */
    @Override
    public void close() {
        closed = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getMessage().lines().findFirst().orElse("");
    }
}
