package dev.catalogsync.bootstrap.bench;

import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads.ProjectRange;

/** (c): a million events, each for a different resource, drained by ours as a process of its own. */
final class MillionEvents {

    private final BenchContext bench;

    MillionEvents(BenchContext bench) {
        this.bench = bench;
    }

    Section measure() {
        int events = bench.settings().scaled(BenchSettings.MILLION_EVENTS);
        Section section = new Section(
                "(" + Workload.MILLION.letter() + ") " + Stats.count(events)
                        + " events, each for a different catalog resource: ours, whole process",
                "drain",
                "time",
                "events/s",
                "heap used at most",
                "heap live after GC at most",
                "peak RSS");
        if (bench.jvm().isEmpty()) {
            return section.note("Left out: the bench runs from classes, not from the standalone jar.");
        }
        bench.say(Workload.MILLION, "creating " + events + " catalog projects");
        bench.workloads().clear();
        ProjectRange projects = bench.workloads().createCatalogProjects(events);
        bench.workloads().rename(projects, "million");
        bench.workloads().vacuum();
        bench.say(Workload.MILLION, "draining " + events + " events in a process of its own");
        ChildJvm.Finished finished = bench.drainInAProcess(events);
        bench.checkDrained("the drain of " + events + " events");
        bench.say(
                Workload.MILLION,
                Stats.seconds(finished.wallTime()) + " (" + Stats.rate(events, finished.wallTime()) + ")");
        return section.row(
                        "`java -jar catalog-sync.jar drain` (JVM start included)",
                        Stats.seconds(finished.wallTime()),
                        Stats.rate(events, finished.wallTime()),
                        BenchContext.bytes(finished.heap().peakUsedBytes()),
                        BenchContext.bytes(finished.heap().peakLiveBytes()),
                        BenchContext.bytes(finished.peakRssBytes()))
                .note("One run. The JVM's defaults (no -Xmx): the heap used before a collection depends on how "
                        + "much the JVM lets the young generation grow; the live heap after a collection is what the "
                        + "drain keeps, and stays flat as the backlog grows (compare (a)'s whole process).");
    }
}
