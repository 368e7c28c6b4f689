package dev.catalogsync.bootstrap.observe;

import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.WorkerRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The last {@value #KEPT} performs of the worker in this process, and its last failure, for {@code GET /status}.
 * Memory is fixed: older runs are forgotten.
 */
public final class WorkerRunLog implements SyncStatistics {

    /** How many runs the status page lists. */
    public static final int KEPT = 20;

    /**
     * One perform.
     *
     * @param startedAt an ISO-8601 instant
     * @param outcome {@code processed}, {@code skipped_lease_taken}, {@code skipped_lease_lost}, {@code skipped_flag_off} or {@code failed}
     * @param estimatedTotalEvents GitLab's figures; null when the run did not get that far
     * @param error a one-line, safe description of the failure; null unless it failed
     */
    public record Run(
            String startedAt,
            double durationSeconds,
            String outcome,
            Long estimatedTotalEvents,
            Integer consumableEvents,
            Integer processedEvents,
            Boolean reenqueued,
            String error) {}

    /** The last failure: when, and what, in one safe line. */
    public record Failure(String at, String message) {}

    private final Deque<Run> runs = new ArrayDeque<>(KEPT);
    private Failure lastFailure;

    @Override
    public synchronized void performed(WorkerRun run, Instant startedAt, Duration took) {
        double seconds = took.toNanos() / 1e9;
        Run entry;
        if (run instanceof WorkerRun.Processed processed) {
            BatchResult result = processed.result();
            entry = new Run(
                    startedAt.toString(),
                    seconds,
                    "processed",
                    result.estimatedTotalEvents(),
                    result.consumableEvents(),
                    result.processedCount(),
                    run.reenqueued(),
                    null);
        } else {
            String outcome = run instanceof WorkerRun.LeaseBusy
                    ? "skipped_lease_taken"
                    : run instanceof WorkerRun.LeaseLost ? "skipped_lease_lost" : "skipped_flag_off";
            entry = new Run(startedAt.toString(), seconds, outcome, null, null, null, run.reenqueued(), null);
        }
        keep(entry);
    }

    @Override
    public synchronized void performFailed(RuntimeException failure, Instant startedAt, Duration took) {
        String message = SafeMessage.of(failure);
        keep(new Run(startedAt.toString(), took.toNanos() / 1e9, "failed", null, null, null, null, message));
        lastFailure = new Failure(startedAt.plus(took).toString(), message);
    }

    private void keep(Run run) {
        if (runs.size() == KEPT) {
            runs.removeLast();
        }
        runs.addFirst(run);
    }

    /** Newest first. */
    public synchronized List<Run> recent() {
        return List.copyOf(runs);
    }

    public synchronized Optional<Run> last() {
        return Optional.ofNullable(runs.peekFirst());
    }

    public synchronized Optional<Failure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }
}
