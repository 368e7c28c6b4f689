package dev.catalogsync.bootstrap.bench;

import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads;
import dev.catalogsync.bootstrap.CatalogSyncService;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every measurement of the bench shares: the service on the scratch database with the bench's tools bound,
 * the standalone jar when there is one, the settings, the progress lines, and the checks every drain passes.
 */
final class BenchContext {

    /** The longest a drain in a process of its own may take before the bench gives up on it. */
    static final Duration CHILD_LIMIT = Duration.ofMinutes(30);

    private static final Pattern PROCESSED = Pattern.compile("\"processed_events\":(\\d+)");

    private final CatalogSyncService service;
    private final Optional<ChildJvm> jvm;
    private final BenchSettings settings;
    private final PrintWriter progress;
    private final BenchWorkloads workloads;

    BenchContext(CatalogSyncService service, Optional<ChildJvm> jvm, BenchSettings settings, PrintWriter progress) {
        this.service = service;
        this.jvm = jvm;
        this.settings = settings;
        this.progress = progress;
        this.workloads = service.port(BenchWorkloads.class);
    }

    <T> T port(Class<T> type) {
        return service.port(type);
    }

    Optional<ChildJvm> jvm() {
        return jvm;
    }

    BenchSettings settings() {
        return settings;
    }

    BenchWorkloads workloads() {
        return workloads;
    }

    /** {@code One run} or {@code Median of 3 runs}, to open a section's note. */
    String runs() {
        return settings.runs() == 1 ? "One run" : "Median of " + settings.runs() + " runs";
    }

    /** Fails the bench when a drain left an event pending or a resource different from its project. */
    void checkDrained(String what) {
        long pending = workloads.pendingEvents();
        long drifted = workloads.driftedResources();
        if (pending != 0 || drifted != 0) {
            throw new IllegalStateException(
                    what + " left " + pending + " events pending and " + drifted + " resources out of sync");
        }
    }

    /** {@code java -jar catalog-sync.jar drain} against the bench database; checks what it says it processed. */
    ChildJvm.Finished drainInAProcess(long expectedEvents) {
        ChildJvm.Finished finished = jvm.orElseThrow().runToEnd(CHILD_LIMIT, "drain");
        Matcher processed = PROCESSED.matcher(finished.stdout());
        if (!processed.find() || Long.parseLong(processed.group(1)) != expectedEvents) {
            throw new IllegalStateException("'drain' reported "
                    + finished.stdout().strip() + ", expected " + expectedEvents + " processed events");
        }
        return finished;
    }

    void say(Workload workload, String line) {
        progress.println("[" + workload.letter() + "] " + line);
        progress.flush();
    }

    static String memory(ChildJvm.Finished finished) {
        return "heap used at most " + bytes(finished.heap().peakUsedBytes()) + ", live after GC at most "
                + bytes(finished.heap().peakLiveBytes()) + ", peak RSS " + bytes(finished.peakRssBytes());
    }

    static String bytes(OptionalLong value) {
        return value.isPresent() ? Stats.megabytes(value.getAsLong()) : "-";
    }
}
