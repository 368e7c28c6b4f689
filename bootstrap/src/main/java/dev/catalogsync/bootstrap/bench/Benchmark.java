package dev.catalogsync.bootstrap.bench;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.bootstrap.CatalogSyncService;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the bench's measurements on a service built on the scratch database, in the order of their letters, and
 * returns the report's sections. Each measurement alternates the variants it compares within each run and
 * checks every drain: no event left pending, no catalog resource left different from its project.
 */
public final class Benchmark {

    private final BenchContext bench;

    /**
     * @param service built on the bench's scratch database, with the bench's tools bound
     * @param jvm runs the standalone jar against the same database; empty when not running from the jar, which
     *     leaves out the whole-process measurements
     * @param progress where progress lines go (the terminal's stderr)
     */
    public Benchmark(CatalogSyncService service, Optional<ChildJvm> jvm, BenchSettings settings, PrintWriter progress) {
        this.bench = new BenchContext(service, jvm, settings, progress);
    }

    /** The server's version line. */
    public String serverVersion() {
        return bench.workloads().serverVersion();
    }

    /** Takes every measurement the settings ask for, in order; returns the report's sections as Markdown. */
    public List<String> run() {
        bench.port(ManageFeatureFlags.class).set(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
        List<String> sections = new ArrayList<>();
        BenchSettings settings = bench.settings();
        if (settings.includes(Workload.WORST_CASE)) {
            sections.add(new DrainComparison(bench).worstCase().markdown());
        }
        if (settings.includes(Workload.TYPICAL)) {
            sections.add(new DrainComparison(bench).typical().markdown());
        }
        if (settings.includes(Workload.MILLION)) {
            sections.add(new MillionEvents(bench).measure().markdown());
        }
        if (settings.includes(Workload.TRIGGER)) {
            sections.add(new TriggerCost(bench).measure().markdown());
        }
        if (settings.includes(Workload.PROPAGATION)) {
            sections.add(new PropagationMeasurement(bench).measure().markdown());
        }
        if (settings.includes(Workload.CEILING)) {
            sections.add(new Ceiling(bench).measure().markdown());
        }
        return sections;
    }
}
