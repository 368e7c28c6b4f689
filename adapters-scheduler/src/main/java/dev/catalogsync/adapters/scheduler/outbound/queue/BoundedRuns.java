package dev.catalogsync.adapters.scheduler.outbound.queue;

import dev.catalogsync.application.port.out.Pause;
import dev.catalogsync.domain.WorkerRun;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each attempt of a run on a thread of its own, performs again in place while attempts fail, and stops
 * waiting once the run's maximum duration has passed ({@link RunLimits}).
 *
 * <p>Why a thread of its own: a database call can block longer than any run should last (a silent network holds a
 * socket read until the driver's socket timeout), and a blocked call cannot be interrupted. Past the maximum
 * duration the caller stops waiting and the attempt's thread is interrupted and left to end by itself, bounded by
 * the driver's timeouts. What it may still write is fenced: a batch proves in its own transaction that its lease is
 * still held, so an abandoned attempt that lost its lease writes nothing, and its open transaction, if it had one,
 * was cancelled by the batch's statement timeout long before.
 */
final class BoundedRuns implements AutoCloseable {

    /** How one run ended. */
    sealed interface Ending {

        /** An attempt completed (possibly after failed ones). */
        record Finished(WorkerRun run, int failedAttempts) implements Ending {}

        /** Every attempt failed until the maximum duration; the last failure is the cause. */
        record GaveUp(RuntimeException lastFailure, int failedAttempts) implements Ending {}

        /** An attempt was still running when the maximum duration passed; it was interrupted and left. */
        record Abandoned(Duration after) implements Ending {}
    }

    private static final Logger LOG = LoggerFactory.getLogger(BoundedRuns.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final RunLimits limits;
    private final Pause pause;
    private final ExecutorService attempts;

    BoundedRuns(RunLimits limits, Pause pause) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.attempts = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "catalog-sync-worker-run-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code attempt} until it completes, performing it again after failures, within the maximum duration. */
    Ending run(Supplier<WorkerRun> attempt) {
        long deadline = System.nanoTime() + limits.maxRunDuration().toNanos();
        Future<Ending> running = attempts.submit(() -> attemptUntil(attempt, deadline));
        try {
            return running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | CancellationException e) {
            running.cancel(true);
            return new Ending.Abandoned(limits.maxRunDuration());
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return new Ending.Abandoned(limits.maxRunDuration());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a worker run ended in an unexpected way", e.getCause());
        }
    }

    private Ending attemptUntil(Supplier<WorkerRun> attempt, long deadline) {
        int failures = 0;
        while (true) {
            try {
                return new Ending.Finished(attempt.get(), failures);
            } catch (RuntimeException failure) {
                failures++;
                Duration delay = limits.retryDelayAfter(failures);
                if (System.nanoTime() + delay.toNanos() >= deadline
                        || Thread.currentThread().isInterrupted()) {
                    return new Ending.GaveUp(failure, failures);
                }
                LOG.warn(
                        "sync worker run failed ({} in a row), performing again in {} ms: {}",
                        failures,
                        delay.toMillis(),
                        rootMessage(failure));
                pause.pause(delay);
                if (Thread.currentThread().isInterrupted()) {
                    return new Ending.GaveUp(failure, failures);
                }
            }
        }
    }

    /** The first line of the innermost cause's message: what went wrong, without the SQL it happened in. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getMessage().lines().findFirst().orElse("");
    }

    /** Interrupts any attempt still running and waits briefly for its thread to end. */
    @Override
    public void close() {
        attempts.shutdownNow();
        try {
            if (!attempts.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("a worker run is still blocked in a database call; its thread ends with the call");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
