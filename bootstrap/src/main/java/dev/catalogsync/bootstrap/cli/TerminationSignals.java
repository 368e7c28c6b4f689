package dev.catalogsync.bootstrap.cli;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a graceful stop of the service instead of the JVM's shutdown sequence.
 *
 * <p>Why not a shutdown hook: hooks run concurrently and in no order, so a hook of ours could find the database
 * gone in the middle of the last batch. Handling the signal lets the service stop in order (HTTP, poll, scheduler,
 * pool, then the embedded server if no other command uses it) and exit with status 0. A watchdog halts the JVM if stopping takes longer than the budget.
 */
final class TerminationSignals {

    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);

    /** The status the JVM itself reports for a process ended by SIGTERM. */
    static final int HALTED_BY_WATCHDOG = 143;

    private TerminationSignals() {}

    /** Runs {@code stop} on the first SIGTERM or SIGINT, and halts the JVM {@code budget} later if still alive. */
    static void onTermination(Runnable stop, Duration budget) {
        AtomicBoolean received = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (received.compareAndSet(false, true)) {
                    LOG.info("SIG{} received: stopping", signal.getName());
                    startWatchdog(budget);
                    stop.run();
                }
            });
        }
    }

    private static void startWatchdog(Duration budget) {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(budget.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    LOG.error("did not stop within {} s; halting", budget.toSeconds());
                    Runtime.getRuntime().halt(HALTED_BY_WATCHDOG);
                },
                "catalog-sync-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
