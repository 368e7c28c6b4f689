package dev.catalogsync.bootstrap.bench;

import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads.ProjectRange;
import dev.catalogsync.adapters.postgres.benchmark.GitLabPerEventDrain;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.DrainSyncEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * (a) and (b): one backlog drained by ours in this process, by ours as a process of its own, and by GitLab's
 * per-event algorithm, taking turns within each run, the backlog queued afresh before each drain.
 */
final class DrainComparison {

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

    private final BenchContext bench;

    DrainComparison(BenchContext bench) {
        this.bench = bench;
    }

    Section worstCase() {
        int events = bench.settings().scaled(BenchSettings.WORST_CASE_EVENTS);
        bench.say(Workload.WORST_CASE, "creating " + events + " catalog projects");
        bench.workloads().clear();
        ProjectRange projects = bench.workloads().createCatalogProjects(events);
        return compareDrains(
                Workload.WORST_CASE,
                Stats.count(events) + " events, each for a different catalog resource",
                events,
                tag -> bench.workloads().rename(projects, tag));
    }

    Section typical() {
        int resources = bench.settings().scaled(BenchSettings.TYPICAL_RESOURCES);
        int eachTimes = BenchSettings.TYPICAL_EVENTS_EACH;
        bench.say(Workload.TYPICAL, "creating " + resources + " catalog projects");
        bench.workloads().clear();
        ProjectRange projects = bench.workloads().createCatalogProjects(resources);
        return compareDrains(
                Workload.TYPICAL,
                Stats.count(resources) + " catalog resources with " + eachTimes + " events each ("
                        + Stats.count((long) resources * eachTimes) + " events, the renames interleaved)",
                resources * eachTimes,
                tag -> {
                    for (int round = 1; round <= eachTimes; round++) {
                        bench.workloads().rename(projects, tag + " round " + round);
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
        bench.jvm().ifPresent(present -> drains.add(1, Drain.OURS_WHOLE_PROCESS));
        Map<Drain, List<Duration>> times = new EnumMap<>(Drain.class);
        GitLabPerEventDrain.Totals gitlabTotals = null;
        ChildJvm.Finished lastProcess = null;
        for (int run = 1; run <= bench.settings().runs(); run++) {
            for (int turn = 0; turn < drains.size(); turn++) {
                Drain drain = drains.get((turn + run - 1) % drains.size());
                bench.workloads().emptyQueue();
                int queued = backlog.queue("run " + run + " " + drain.name().toLowerCase());
                bench.workloads().vacuum();
                long started = System.nanoTime();
                switch (drain) {
                    case OURS_IN_PROCESS ->
                        bench.port(DrainSyncEvents.class).drain(BatchSize.DEFAULT, DrainSyncEvents.Listener.NONE);
                    case GITLAB ->
                        gitlabTotals = bench.port(GitLabPerEventDrain.class).drain();
                    case OURS_WHOLE_PROCESS -> lastProcess = bench.drainInAProcess(queued);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                if (drain == Drain.OURS_WHOLE_PROCESS) {
                    took = lastProcess.wallTime();
                }
                bench.checkDrained(drain.label);
                times.computeIfAbsent(drain, key -> new ArrayList<>()).add(took);
                bench.say(
                        workload,
                        "run " + run + "/" + bench.settings().runs() + ", "
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
        section.note(bench.runs() + "; in each run the drains take turns, each on the same "
                + "backlog queued afresh by bulk renames, then VACUUM ANALYZE. Each drain is checked: nothing "
                + "pending, no resource different from its project.");
        if (gitlabTotals != null) {
            section.note(String.format(
                    Locale.ROOT,
                    "GitLab's algorithm sent %.0f round trips per 1000 events (%d batches, %s resource UPDATEs "
                            + "each in its own transaction).",
                    gitlabTotals.roundTrips() * 1000.0 / Math.max(1, gitlabTotals.processedEvents()),
                    gitlabTotals.batches(),
                    Stats.count(gitlabTotals.resourceUpdates())));
        }
        if (lastProcess != null) {
            section.note("Whole process, last run: " + BenchContext.memory(lastProcess) + ".");
        }
        return section;
    }
}
