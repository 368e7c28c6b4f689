package dev.catalogsync.bootstrap.bench;

import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads;
import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads.ProjectRange;
import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads.WriteCost;
import dev.catalogsync.adapters.postgres.benchmark.TriggerVariants;
import dev.catalogsync.adapters.postgres.benchmark.TriggerVariants.Variant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
        BenchWorkloads workloads = bench.workloads();
        bench.say(Workload.TRIGGER, "creating " + bulk + " catalog and " + bulk + " ordinary projects");
        workloads.clear();
        ProjectRange catalog = workloads.createCatalogProjects(bulk);
        ProjectRange ordinary = workloads.createOrdinaryProjects(bulk);
        List<Variant> variants = List.of(Variant.NONE, Variant.OURS, Variant.GITLAB_ROW);
        Map<Write, Map<Variant, List<WriteCost>>> costs = new EnumMap<>(Write.class);
        try {
            for (int run = 1; run <= bench.settings().runs(); run++) {
                for (int turn = 0; turn < variants.size(); turn++) {
                    Variant variant = variants.get((turn + run - 1) % variants.size());
                    triggers.use(variant);
                    String round = "run " + run + " " + variant.name().toLowerCase();
                    record(costs, Write.BULK_ORDINARY, variant, () -> workloads.measuredRename(ordinary, round));
                    expectQueued(variant, 0, "a bulk update of ordinary projects");
                    record(costs, Write.BULK_CATALOG, variant, () -> workloads.measuredRename(catalog, round));
                    expectQueued(variant, bulk, "a bulk update of catalog projects");
                    record(
                            costs,
                            Write.SINGLE_RENAMES,
                            variant,
                            () -> workloads.renameOneAtATime(catalog.first(single), round + " one at a time"));
                    expectQueued(variant, single, "single-row renames");
                    record(
                            costs,
                            Write.SINGLE_TOUCHES,
                            variant,
                            () -> workloads.touchOneAtATime(catalog.first(single)));
                    expectQueued(variant, 0, "single-row updates of updated_at");
                    bench.say(
                            Workload.TRIGGER,
                            "run " + run + "/" + bench.settings().runs() + ", "
                                    + variant.name().toLowerCase() + ": " + lastOf(costs, variant));
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
                "measure",
                "no trigger",
                "ours (per statement)",
                "GitLab's (per row)",
                "ours vs none",
                "GitLab's vs none",
                "ours vs GitLab's");
        labels.forEach((write, label) -> {
            Map<Variant, List<WriteCost>> byVariant = costs.get(write);
            row(section, label, "wall", byVariant, cost -> Optional.of(cost.wall()));
            row(section, "", "server CPU", byVariant, WriteCost::serverCpu);
        });
        return section.note(bench.runs() + "; the variants take turns, each installed by dropping the others (a "
                        + "disabled trigger with transition tables still captures rows). Each statement committed on "
                        + "its own, VACUUM before each; the single-row updates run one after another on one "
                        + "connection with synchronous_commit off, so that the WAL flush does not hide the trigger's "
                        + "cost. Server CPU is the CPU time of the PostgreSQL process that ran the statements, trigger "
                        + "included (from /proc, through pg_read_file: '-' where not allowed); unlike the wall time "
                        + "it hardly moves when other processes share the machine.")
                .note("Events queued are checked: the same count with ours and GitLab's, none without a trigger.");
    }

    private static void row(
            Section section,
            String label,
            String measure,
            Map<Variant, List<WriteCost>> byVariant,
            Function<WriteCost, Optional<Duration>> metric) {
        Optional<Duration> none = median(byVariant.get(Variant.NONE), metric);
        Optional<Duration> ours = median(byVariant.get(Variant.OURS), metric);
        Optional<Duration> gitlab = median(byVariant.get(Variant.GITLAB_ROW), metric);
        if (none.isEmpty() || ours.isEmpty() || gitlab.isEmpty()) {
            section.row(label, measure, "-", "-", "-", "-", "-", "-");
            return;
        }
        section.row(
                label,
                measure,
                Stats.seconds(none.get()),
                Stats.seconds(ours.get()),
                Stats.seconds(gitlab.get()),
                Stats.relative(ours.get(), none.get()),
                Stats.relative(gitlab.get(), none.get()),
                Stats.relative(ours.get(), gitlab.get()));
    }

    private static Optional<Duration> median(List<WriteCost> costs, Function<WriteCost, Optional<Duration>> metric) {
        List<Duration> samples =
                costs.stream().map(metric).flatMap(Optional::stream).toList();
        return samples.size() == costs.size() ? Optional.of(Stats.median(samples)) : Optional.empty();
    }

    private static String lastOf(Map<Write, Map<Variant, List<WriteCost>>> costs, Variant variant) {
        StringBuilder line = new StringBuilder();
        costs.forEach((write, byVariant) -> {
            List<WriteCost> samples = byVariant.get(variant);
            WriteCost last = samples.get(samples.size() - 1);
            line.append(write.name().toLowerCase())
                    .append(' ')
                    .append(Stats.seconds(last.wall()))
                    .append(last.serverCpu()
                            .map(cpu -> " (CPU " + Stats.seconds(cpu) + ")")
                            .orElse(""))
                    .append("; ");
        });
        return line.toString();
    }

    private void record(
            Map<Write, Map<Variant, List<WriteCost>>> costs, Write write, Variant variant, Supplier<WriteCost> work) {
        bench.workloads().vacuum();
        costs.computeIfAbsent(write, key -> new EnumMap<>(Variant.class))
                .computeIfAbsent(variant, key -> new ArrayList<>())
                .add(work.get());
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
