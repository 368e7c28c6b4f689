package dev.catalogsync.bootstrap.bench;

import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads.ProjectRange;
import dev.catalogsync.adapters.postgres.benchmark.TriggerVariants;
import dev.catalogsync.adapters.postgres.benchmark.TriggerVariants.Variant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * (d): what the trigger costs the writers of {@code projects}: the same statements with ours, GitLab's row
 * trigger and none, the variants taking turns within each run.
 */
final class TriggerCost {

    /** The writers' statements compared in (d). */
    private enum Write {
        BULK_ORDINARY,
        BULK_CATALOG,
        SINGLE_RENAMES,
        SINGLE_TOUCHES
    }

    private final BenchContext bench;

    TriggerCost(BenchContext bench) {
        this.bench = bench;
    }

    Section measure() {
        int bulk = bench.settings().scaled(BenchSettings.BULK_PROJECTS);
        int single = Math.min(bulk, bench.settings().scaled(BenchSettings.SINGLE_ROW_UPDATES));
        TriggerVariants triggers = bench.port(TriggerVariants.class);
        bench.say(Workload.TRIGGER, "creating " + bulk + " catalog and " + bulk + " ordinary projects");
        bench.workloads().clear();
        ProjectRange catalog = bench.workloads().createCatalogProjects(bulk);
        ProjectRange ordinary = bench.workloads().createOrdinaryProjects(bulk);
        List<Variant> variants = List.of(Variant.NONE, Variant.OURS, Variant.GITLAB_ROW);
        Map<Write, Map<Variant, List<Duration>>> times = new EnumMap<>(Write.class);
        try {
            for (int run = 1; run <= bench.settings().runs(); run++) {
                for (int turn = 0; turn < variants.size(); turn++) {
                    Variant variant = variants.get((turn + run - 1) % variants.size());
                    triggers.use(variant);
                    String round = "run " + run + " " + variant.name().toLowerCase();
                    record(
                            times,
                            Write.BULK_ORDINARY,
                            variant,
                            timed(() -> bench.workloads().rename(ordinary, round)));
                    expectQueued(variant, 0, "a bulk update of ordinary projects");
                    record(
                            times,
                            Write.BULK_CATALOG,
                            variant,
                            timed(() -> bench.workloads().rename(catalog, round)));
                    expectQueued(variant, bulk, "a bulk update of catalog projects");
                    record(times, Write.SINGLE_RENAMES, variant, timed(() -> {
                        bench.workloads().renameOneAtATime(catalog.first(single), round + " one at a time");
                        return single;
                    }));
                    expectQueued(variant, single, "single-row renames");
                    record(times, Write.SINGLE_TOUCHES, variant, timed(() -> {
                        bench.workloads().touchOneAtATime(catalog.first(single));
                        return single;
                    }));
                    expectQueued(variant, 0, "single-row updates of updated_at");
                    bench.say(
                            Workload.TRIGGER,
                            "run " + run + "/" + bench.settings().runs() + ", "
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
        return section.note(bench.runs() + "; the variants take turns, each installed by "
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
        bench.workloads().vacuum();
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
        long queued = bench.workloads().pendingEvents();
        bench.workloads().emptyQueue();
        if (queued != expected) {
            throw new IllegalStateException(
                    what + " with trigger " + variant + " queued " + queued + " events, expected " + expected);
        }
    }
}
