package dev.catalogsync.bootstrap.bench;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads;
import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads.ProjectRange;
import dev.catalogsync.adapters.postgres.benchmark.GitLabPerEventDrain;
import dev.catalogsync.adapters.postgres.benchmark.PropagationProbe;
import dev.catalogsync.adapters.postgres.benchmark.SchemaCeiling;
import dev.catalogsync.adapters.postgres.benchmark.ServerDrain;
import dev.catalogsync.adapters.postgres.benchmark.TickBatchSketch;
import dev.catalogsync.adapters.postgres.benchmark.TriggerVariants;
import dev.catalogsync.adapters.postgres.benchmark.TriggerVariants.Variant;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.DrainSyncEvents;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.bootstrap.CatalogSyncService;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * Runs the bench's measurements on a service built on the scratch database, alternating the variants it
 * compares within each run, and turns them into the report's sections. Every drain is checked: no event left
 * pending, no catalog resource left different from its project.
 */
public final class Benchmark {

    /** The longest a drain in a process of its own may take before the bench gives up on it. */
    static final Duration CHILD_LIMIT = Duration.ofMinutes(30);

    private static final Pattern PROCESSED = Pattern.compile("\"processed_events\":(\\d+)");

    /** The ways a backlog is drained, compared in (a) and (b). */
    private enum Drain {
        OURS_IN_PROCESS("ours, in-process (`DrainSyncEvents`)"),
        OURS_WHOLE_PROCESS("ours, whole process (`java -jar catalog-sync.jar drain`, JVM start included)"),
        GITLAB("GitLab's per-event algorithm (JDBC, one round trip per statement)");

        final String label;

        Drain(String label) {
            this.label = label;
        }
    }

    /** The writers' statements compared in (d). */
    private enum Write {
        BULK_ORDINARY,
        BULK_CATALOG,
        SINGLE_RENAMES,
        SINGLE_TOUCHES
    }

    private final CatalogSyncService service;
    private final Optional<ChildJvm> jvm;
    private final BenchSettings settings;
    private final PrintWriter progress;
    private final BenchWorkloads workloads;

    /**
     * @param service built on the bench's scratch database, with the bench's tools bound
     * @param jvm runs the standalone jar against the same database; empty when not running from the jar, which
     *     leaves out the whole-process measurements
     * @param progress where progress lines go (the terminal's stderr)
     */
    public Benchmark(CatalogSyncService service, Optional<ChildJvm> jvm, BenchSettings settings, PrintWriter progress) {
        this.service = service;
        this.jvm = jvm;
        this.settings = settings;
        this.progress = progress;
        this.workloads = service.port(BenchWorkloads.class);
    }

    /** The server's version line. */
    public String serverVersion() {
        return workloads.serverVersion();
    }

    /** Takes every measurement the settings ask for, in order; returns the report's sections as Markdown. */
    public List<String> run() {
        service.port(ManageFeatureFlags.class).set(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
        List<String> sections = new ArrayList<>();
        if (settings.includes(Workload.WORST_CASE)) {
            sections.add(worstCase().markdown());
        }
        if (settings.includes(Workload.TYPICAL)) {
            sections.add(typical().markdown());
        }
        if (settings.includes(Workload.MILLION)) {
            sections.add(million().markdown());
        }
        if (settings.includes(Workload.TRIGGER)) {
            sections.add(triggerCost().markdown());
        }
        if (settings.includes(Workload.PROPAGATION)) {
            sections.add(propagation().markdown());
        }
        if (settings.includes(Workload.CEILING)) {
            sections.add(ceiling().markdown());
        }
        return sections;
    }

    private Section worstCase() {
        int events = settings.scaled(BenchSettings.WORST_CASE_EVENTS);
        say(Workload.WORST_CASE, "creating " + events + " catalog projects");
        workloads.clear();
        ProjectRange projects = workloads.createCatalogProjects(events);
        return compareDrains(
                Workload.WORST_CASE,
                Stats.count(events) + " events, each for a different catalog resource",
                events,
                tag -> workloads.rename(projects, tag));
    }

    private Section typical() {
        int resources = settings.scaled(BenchSettings.TYPICAL_RESOURCES);
        int eachTimes = BenchSettings.TYPICAL_EVENTS_EACH;
        say(Workload.TYPICAL, "creating " + resources + " catalog projects");
        workloads.clear();
        ProjectRange projects = workloads.createCatalogProjects(resources);
        return compareDrains(
                Workload.TYPICAL,
                Stats.count(resources) + " catalog resources with " + eachTimes + " events each ("
                        + Stats.count((long) resources * eachTimes) + " events, the renames interleaved)",
                resources * eachTimes,
                tag -> {
                    for (int round = 1; round <= eachTimes; round++) {
                        workloads.rename(projects, tag + " round " + round);
                    }
                    return resources * eachTimes;
                });
    }

    @FunctionalInterface
    private interface Backlog {
        /** Queues one drain's backlog, naming projects anew with {@code tag}; returns how many events. */
        int queue(String tag);
    }

    private Section compareDrains(Workload workload, String what, long events, Backlog backlog) {
        List<Drain> drains = new ArrayList<>(List.of(Drain.OURS_IN_PROCESS, Drain.GITLAB));
        jvm.ifPresent(present -> drains.add(1, Drain.OURS_WHOLE_PROCESS));
        Map<Drain, List<Duration>> times = new EnumMap<>(Drain.class);
        GitLabPerEventDrain.Totals gitlabTotals = null;
        ChildJvm.Finished lastProcess = null;
        for (int run = 1; run <= settings.runs(); run++) {
            for (int turn = 0; turn < drains.size(); turn++) {
                Drain drain = drains.get((turn + run - 1) % drains.size());
                workloads.emptyQueue();
                int queued = backlog.queue("run " + run + " " + drain.name().toLowerCase());
                workloads.vacuum();
                long started = System.nanoTime();
                switch (drain) {
                    case OURS_IN_PROCESS ->
                        service.port(DrainSyncEvents.class).drain(BatchSize.DEFAULT, DrainSyncEvents.Listener.NONE);
                    case GITLAB ->
                        gitlabTotals = service.port(GitLabPerEventDrain.class).drain();
                    case OURS_WHOLE_PROCESS -> lastProcess = drainInAProcess(queued);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                if (drain == Drain.OURS_WHOLE_PROCESS) {
                    took = lastProcess.wallTime();
                }
                checkDrained(drain.label);
                times.computeIfAbsent(drain, key -> new ArrayList<>()).add(took);
                say(
                        workload,
                        "run " + run + "/" + settings.runs() + ", "
                                + drain.name().toLowerCase() + ": " + queued + " events in " + Stats.seconds(took)
                                + " (" + Stats.rate(queued, took) + ")");
            }
        }
        Duration gitlab = Stats.median(times.get(Drain.GITLAB));
        Section section =
                new Section("(" + workload.letter() + ") " + what, "drain", "median time", "events/s", "vs GitLab's");
        for (Drain drain : drains) {
            Duration median = Stats.median(times.get(drain));
            section.row(drain.label, Stats.seconds(median), Stats.rate(events, median), Stats.times(gitlab, median));
        }
        section.note(runs() + "; in each run the drains take turns, each on the same "
                + "backlog queued afresh by bulk renames, then VACUUM ANALYZE. Each drain is checked: nothing "
                + "pending, no resource different from its project.");
        if (gitlabTotals != null) {
            section.note(String.format(
                    java.util.Locale.ROOT,
                    "GitLab's algorithm sent %.0f round trips per 1000 events (%d batches, %s resource UPDATEs "
                            + "each in its own transaction).",
                    gitlabTotals.roundTrips() * 1000.0 / Math.max(1, gitlabTotals.processedEvents()),
                    gitlabTotals.batches(),
                    Stats.count(gitlabTotals.resourceUpdates())));
        }
        if (lastProcess != null) {
            section.note("Whole process, last run: " + memory(lastProcess) + ".");
        }
        return section;
    }

    private ChildJvm.Finished drainInAProcess(long expectedEvents) {
        ChildJvm.Finished finished = jvm.orElseThrow().runToEnd(CHILD_LIMIT, "drain");
        Matcher processed = PROCESSED.matcher(finished.stdout());
        if (!processed.find() || Long.parseLong(processed.group(1)) != expectedEvents) {
            throw new IllegalStateException("'drain' reported "
                    + finished.stdout().strip() + ", expected " + expectedEvents + " processed events");
        }
        return finished;
    }

    private Section million() {
        int events = settings.scaled(BenchSettings.MILLION_EVENTS);
        Section section = new Section(
                "(" + Workload.MILLION.letter() + ") " + Stats.count(events)
                        + " events, each for a different catalog resource: ours, whole process",
                "drain",
                "time",
                "events/s",
                "heap used at most",
                "heap live after GC at most",
                "peak RSS");
        if (jvm.isEmpty()) {
            return section.note("Left out: the bench runs from classes, not from the standalone jar.");
        }
        say(Workload.MILLION, "creating " + events + " catalog projects");
        workloads.clear();
        ProjectRange projects = workloads.createCatalogProjects(events);
        workloads.rename(projects, "million");
        workloads.vacuum();
        say(Workload.MILLION, "draining " + events + " events in a process of its own");
        ChildJvm.Finished finished = drainInAProcess(events);
        checkDrained("the drain of " + events + " events");
        say(
                Workload.MILLION,
                Stats.seconds(finished.wallTime()) + " (" + Stats.rate(events, finished.wallTime()) + ")");
        return section.row(
                        "`java -jar catalog-sync.jar drain` (JVM start included)",
                        Stats.seconds(finished.wallTime()),
                        Stats.rate(events, finished.wallTime()),
                        bytes(finished.heap().peakUsedBytes()),
                        bytes(finished.heap().peakLiveBytes()),
                        bytes(finished.peakRssBytes()))
                .note("One run. The JVM's defaults (no -Xmx): the heap used before a collection depends on how "
                        + "much the JVM lets the young generation grow; the live heap after a collection is what the "
                        + "drain keeps, and stays flat as the backlog grows (compare (a)'s whole process).");
    }

    private Section triggerCost() {
        int bulk = settings.scaled(BenchSettings.BULK_PROJECTS);
        int single = Math.min(bulk, settings.scaled(BenchSettings.SINGLE_ROW_UPDATES));
        TriggerVariants triggers = service.port(TriggerVariants.class);
        say(Workload.TRIGGER, "creating " + bulk + " catalog and " + bulk + " ordinary projects");
        workloads.clear();
        ProjectRange catalog = workloads.createCatalogProjects(bulk);
        ProjectRange ordinary = workloads.createOrdinaryProjects(bulk);
        List<Variant> variants = List.of(Variant.NONE, Variant.OURS, Variant.GITLAB_ROW);
        Map<Write, Map<Variant, List<Duration>>> times = new EnumMap<>(Write.class);
        try {
            for (int run = 1; run <= settings.runs(); run++) {
                for (int turn = 0; turn < variants.size(); turn++) {
                    Variant variant = variants.get((turn + run - 1) % variants.size());
                    triggers.use(variant);
                    String round = "run " + run + " " + variant.name().toLowerCase();
                    record(times, Write.BULK_ORDINARY, variant, timed(() -> workloads.rename(ordinary, round)));
                    expectQueued(variant, 0, "a bulk update of ordinary projects");
                    record(times, Write.BULK_CATALOG, variant, timed(() -> workloads.rename(catalog, round)));
                    expectQueued(variant, bulk, "a bulk update of catalog projects");
                    record(times, Write.SINGLE_RENAMES, variant, timed(() -> {
                        workloads.renameOneAtATime(catalog.first(single), round + " one at a time");
                        return single;
                    }));
                    expectQueued(variant, single, "single-row renames");
                    record(times, Write.SINGLE_TOUCHES, variant, timed(() -> {
                        workloads.touchOneAtATime(catalog.first(single));
                        return single;
                    }));
                    expectQueued(variant, 0, "single-row updates of updated_at");
                    say(
                            Workload.TRIGGER,
                            "run " + run + "/" + settings.runs() + ", "
                                    + variant.name().toLowerCase() + ": " + lastOf(times, variant));
                }
            }
        } finally {
            triggers.use(Variant.OURS);
        }
        Map<Write, String> labels = new LinkedHashMap<>();
        labels.put(Write.BULK_ORDINARY, "one `UPDATE` renaming " + Stats.count(bulk) + " ordinary projects");
        labels.put(Write.BULK_CATALOG, "one `UPDATE` renaming " + Stats.count(bulk) + " catalog projects");
        labels.put(Write.SINGLE_RENAMES, Stats.count(single) + " single-row renames of catalog projects");
        labels.put(Write.SINGLE_TOUCHES, Stats.count(single) + " single-row updates of `updated_at` only");
        Section section = new Section(
                "(" + Workload.TRIGGER.letter() + ") what the trigger costs the writers of `projects`",
                "statement",
                "no trigger",
                "ours (per statement)",
                "GitLab's (per row)",
                "ours vs none",
                "GitLab's vs none");
        labels.forEach((write, label) -> {
            Duration none = Stats.median(times.get(write).get(Variant.NONE));
            Duration ours = Stats.median(times.get(write).get(Variant.OURS));
            Duration gitlab = Stats.median(times.get(write).get(Variant.GITLAB_ROW));
            section.row(
                    label,
                    Stats.seconds(none),
                    Stats.seconds(ours),
                    Stats.seconds(gitlab),
                    Stats.relative(ours, none),
                    Stats.relative(gitlab, none));
        });
        return section.note(runs() + "; the variants take turns, each installed by "
                        + "dropping the others (a disabled trigger with transition tables still captures rows). "
                        + "Each statement committed on its own, VACUUM before each timing; the single-row updates run "
                        + "one after another on one connection with synchronous_commit off, so that the WAL flush "
                        + "does not hide the trigger's cost.")
                .note("Events queued are checked: the same count with ours and GitLab's, none without a trigger.");
    }

    private static String lastOf(Map<Write, Map<Variant, List<Duration>>> times, Variant variant) {
        StringBuilder line = new StringBuilder();
        times.forEach((write, byVariant) -> {
            List<Duration> samples = byVariant.get(variant);
            line.append(write.name().toLowerCase())
                    .append(' ')
                    .append(Stats.seconds(samples.get(samples.size() - 1)))
                    .append("; ");
        });
        return line.toString();
    }

    private Duration timed(Supplier<Integer> write) {
        workloads.vacuum();
        long started = System.nanoTime();
        write.get();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static void record(
            Map<Write, Map<Variant, List<Duration>>> times, Write write, Variant variant, Duration took) {
        times.computeIfAbsent(write, key -> new EnumMap<>(Variant.class))
                .computeIfAbsent(variant, key -> new ArrayList<>())
                .add(took);
    }

    private void expectQueued(Variant variant, long withATrigger, String what) {
        long expected = variant == Variant.NONE ? 0 : withATrigger;
        long queued = workloads.pendingEvents();
        workloads.emptyQueue();
        if (queued != expected) {
            throw new IllegalStateException(
                    what + " with trigger " + variant + " queued " + queued + " events, expected " + expected);
        }
    }

    private Section propagation() {
        int updates = settings.propagationUpdates();
        Section section = new Section(
                "(" + Workload.PROPAGATION.letter() + ") propagation through `run` at " + settings.updatesPerSecond()
                        + " renames/s, from the rename's commit to the catalog showing it",
                "path",
                "renames",
                "p50",
                "p99",
                "max",
                "lost");
        if (jvm.isEmpty()) {
            return section.note("Left out: the bench runs from classes, not from the standalone jar.");
        }
        int needed = updates * settings.runs() * PropagationRun.Path.values().length;
        say(Workload.PROPAGATION, "creating " + needed + " catalog projects, starting 'run'");
        workloads.clear();
        ProjectRange projects = workloads.createCatalogProjects(needed);
        workloads.vacuum();
        Map<PropagationRun.Path, List<Duration>> latencies = new EnumMap<>(PropagationRun.Path.class);
        Map<PropagationRun.Path, int[]> lostAndRejected = new EnumMap<>(PropagationRun.Path.class);
        PropagationRun measurement = new PropagationRun(() -> service.port(PropagationProbe.class));
        long next = projects.firstId();
        try (PropagationRun.Service running = PropagationRun.Service.start(jvm.orElseThrow())) {
            for (int run = 1; run <= settings.runs(); run++) {
                PropagationRun.Path[] paths = PropagationRun.Path.values();
                for (int turn = 0; turn < paths.length; turn++) {
                    PropagationRun.Path path = paths[(turn + run - 1) % paths.length];
                    List<Long> ids =
                            LongStream.range(next, next + updates).boxed().toList();
                    next += updates;
                    PropagationRun.Result result =
                            measurement.measure(path, ids, settings.updatesPerSecond(), running.hook());
                    latencies.computeIfAbsent(path, key -> new ArrayList<>()).addAll(result.latencies());
                    int[] counts = lostAndRejected.computeIfAbsent(path, key -> new int[2]);
                    counts[0] += result.lost();
                    counts[1] += result.rejectedCallbacks();
                    say(
                            Workload.PROPAGATION,
                            "run " + run + "/" + settings.runs() + ", "
                                    + path.name().toLowerCase()
                                    + ": p50 " + Stats.millis(Stats.percentile(result.latencies(), 50)) + ", p99 "
                                    + Stats.millis(Stats.percentile(result.latencies(), 99)) + ", lost "
                                    + result.lost());
                }
            }
        }
        for (PropagationRun.Path path : PropagationRun.Path.values()) {
            List<Duration> samples = latencies.get(path);
            int[] counts = lostAndRejected.get(path);
            section.row(
                    path.description,
                    Stats.count((long) updates * settings.runs()),
                    Stats.millis(Stats.percentile(samples, 50)),
                    Stats.millis(Stats.percentile(samples, 99)),
                    Stats.millis(Stats.percentile(samples, 100)),
                    counts[0] + (counts[1] > 0 ? " (" + counts[1] + " callbacks refused)" : ""));
        }
        return section.note("`run` with its defaults (poll every 250 ms, cron every minute) in a process of its own; "
                + "each rename is one committed UPDATE of a different catalog project; the catalog is read every "
                + PropagationRun.POLL.toMillis() + " ms, which bounds the resolution. " + settings.runs()
                + (settings.runs() == 1 ? " run" : " runs") + " of "
                + settings.propagationTime().toSeconds()
                + " s per path, alternating; percentiles over all of them.");
    }

    private String runs() {
        return settings.runs() == 1 ? "One run" : "Median of " + settings.runs() + " runs";
    }

    /** The drains of (f), each on the worst-case and on the typical backlog. */
    private enum Floor {
        SCHEMA_FLIP("GitLab's schema inside the server: one statement per 1000 events takes, copies and flips them"),
        SCHEMA_FLIP_ONLY("GitLab's schema inside the server: the flip to processed alone, nothing copied"),
        SKETCH_IN_SERVER("sketch inside the server: a batch acknowledged by one position row, no event written"),
        SKETCH_IN_PROCESS("sketch from this process: the same, one round trip per 1000 events");

        final String label;

        Floor(String label) {
            this.label = label;
        }
    }

    private Section ceiling() {
        int worst = settings.scaled(BenchSettings.WORST_CASE_EVENTS);
        int resources = settings.scaled(BenchSettings.TYPICAL_RESOURCES);
        int eachTimes = BenchSettings.TYPICAL_EVENTS_EACH;
        say(Workload.CEILING, "creating " + worst + " catalog projects");
        workloads.clear();
        ProjectRange projects = workloads.createCatalogProjects(worst);
        ProjectRange typical = projects.first(Math.min(resources, worst));
        Map<Floor, List<Duration>> worstTimes = new EnumMap<>(Floor.class);
        Map<Floor, List<Duration>> typicalTimes = new EnumMap<>(Floor.class);
        SchemaCeiling schema = service.port(SchemaCeiling.class);
        List<Floor> order =
                List.of(Floor.SCHEMA_FLIP, Floor.SCHEMA_FLIP_ONLY, Floor.SKETCH_IN_SERVER, Floor.SKETCH_IN_PROCESS);
        for (Floor floor : order) {
            if (floor == Floor.SKETCH_IN_SERVER) {
                say(Workload.CEILING, "installing the sketch (a column and an index on the queue, for good)");
                service.port(TickBatchSketch.class).install();
            }
            for (int run = 1; run <= settings.runs(); run++) {
                String tag = "ceiling " + floor.name().toLowerCase() + " run " + run;
                workloads.emptyQueue();
                workloads.rename(projects, tag);
                workloads.vacuum();
                Duration took = floorDrain(floor, worst);
                worstTimes.computeIfAbsent(floor, key -> new ArrayList<>()).add(took);
                workloads.emptyQueue();
                for (int round = 1; round <= eachTimes; round++) {
                    workloads.rename(typical, tag + " round " + round);
                }
                workloads.vacuum();
                Duration typicalTook = floorDrain(floor, (long) typical.count() * eachTimes);
                typicalTimes.computeIfAbsent(floor, key -> new ArrayList<>()).add(typicalTook);
                say(
                        Workload.CEILING,
                        "run " + run + "/" + settings.runs() + ", "
                                + floor.name().toLowerCase() + ": "
                                + Stats.rate(worst, took) + " worst case, "
                                + Stats.rate((long) typical.count() * eachTimes, typicalTook) + " typical");
            }
        }
        Section section = new Section(
                "(" + Workload.CEILING.letter() + ") the ceiling: " + Stats.count(worst) + " events for as many "
                        + "resources (worst case) and " + Stats.count((long) typical.count() * eachTimes)
                        + " for " + Stats.count(typical.count()) + " (typical)",
                "drain",
                "worst case",
                "typical");
        for (Floor floor : order) {
            section.row(
                    floor.label,
                    Stats.rate(worst, Stats.median(worstTimes.get(floor))),
                    Stats.rate((long) typical.count() * eachTimes, Stats.median(typicalTimes.get(floor))));
        }
        return section.note(runs() + " of each; server times by the server's clock. The sketch's rows come after "
                        + "GitLab's schema's, not alternating with them: installing it adds a column and an index to "
                        + "the queue. Each drain is checked as in (a), but for the flip alone, which copies nothing.")
                .note("The sketch keeps every column of GitLab's table and acknowledges a batch with one position "
                        + "row, PgQ's way: ticks are snapshots, an interval's events are those the later snapshot sees "
                        + "and the earlier does not, so none committed late is skipped.");
    }

    private Duration floorDrain(Floor floor, long expected) {
        long started = System.nanoTime();
        long events;
        Duration serverTime = null;
        switch (floor) {
            case SCHEMA_FLIP, SCHEMA_FLIP_ONLY -> {
                ServerDrain drain = service.port(SchemaCeiling.class)
                        .drainInTheServer(
                                floor == Floor.SCHEMA_FLIP ? SchemaCeiling.Mode.FLIP : SchemaCeiling.Mode.FLIP_ONLY);
                events = drain.events();
                serverTime = drain.serverTime();
            }
            case SKETCH_IN_SERVER -> {
                ServerDrain drain = service.port(TickBatchSketch.class).drainInTheServer();
                events = drain.events();
                serverTime = drain.serverTime();
            }
            default -> events = service.port(TickBatchSketch.class).drain();
        }
        Duration took = serverTime != null ? serverTime : Duration.ofNanos(System.nanoTime() - started);
        if (events != expected) {
            throw new IllegalStateException(floor + " took " + events + " events, expected " + expected);
        }
        if (floor != Floor.SCHEMA_FLIP_ONLY && workloads.driftedResources() != 0) {
            throw new IllegalStateException(floor + " left " + workloads.driftedResources() + " resources out of sync");
        }
        return took;
    }

    private void checkDrained(String what) {
        long pending = workloads.pendingEvents();
        long drifted = workloads.driftedResources();
        if (pending != 0 || drifted != 0) {
            throw new IllegalStateException(
                    what + " left " + pending + " events pending and " + drifted + " resources out of sync");
        }
    }

    private void say(Workload workload, String line) {
        progress.println("[" + workload.letter() + "] " + line);
        progress.flush();
    }

    private static String memory(ChildJvm.Finished finished) {
        return "heap used at most " + bytes(finished.heap().peakUsedBytes()) + ", live after GC at most "
                + bytes(finished.heap().peakLiveBytes()) + ", peak RSS " + bytes(finished.peakRssBytes());
    }

    private static String bytes(OptionalLong value) {
        return value.isPresent() ? Stats.megabytes(value.getAsLong()) : "-";
    }
}
