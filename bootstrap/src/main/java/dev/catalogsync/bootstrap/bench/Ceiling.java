package dev.catalogsync.bootstrap.bench;

import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads.ProjectRange;
import dev.catalogsync.adapters.postgres.benchmark.SchemaCeiling;
import dev.catalogsync.adapters.postgres.benchmark.ServerDrain;
import dev.catalogsync.adapters.postgres.benchmark.TickBatchSketch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * (f): the ceiling of GitLab's schema, its drain looped inside the server with no client, and a sketch past it
 * that acknowledges a batch with one row instead of rewriting every event.
 */
final class Ceiling {

    private final BenchContext bench;

    Ceiling(BenchContext bench) {
        this.bench = bench;
    }

    /** The drains of (f), each on the worst-case and on the typical backlog. */
    private enum Floor {
        SCHEMA_FLIP(
                "GitLab's schema inside the server: one statement per 1000 events, committed, takes, copies and flips them"),
        SCHEMA_FLIP_ONLY("GitLab's schema inside the server: the flip to processed alone, nothing copied"),
        SKETCH_IN_SERVER("sketch inside the server: each batch acknowledged by one position row, no event written"),
        SKETCH_IN_PROCESS("sketch from this process: the same, one round trip per 1000 events");

        final String label;

        Floor(String label) {
            this.label = label;
        }
    }

    Section measure() {
        int worst = bench.settings().scaled(BenchSettings.WORST_CASE_EVENTS);
        int resources = bench.settings().scaled(BenchSettings.TYPICAL_RESOURCES);
        int eachTimes = BenchSettings.TYPICAL_EVENTS_EACH;
        bench.say(Workload.CEILING, "creating " + worst + " catalog projects");
        bench.workloads().clear();
        ProjectRange projects = bench.workloads().createCatalogProjects(worst);
        ProjectRange typical = projects.first(Math.min(resources, worst));
        Map<Floor, List<Duration>> worstTimes = new EnumMap<>(Floor.class);
        Map<Floor, List<Duration>> typicalTimes = new EnumMap<>(Floor.class);
        SchemaCeiling schema = bench.port(SchemaCeiling.class);
        List<Floor> order =
                List.of(Floor.SCHEMA_FLIP, Floor.SCHEMA_FLIP_ONLY, Floor.SKETCH_IN_SERVER, Floor.SKETCH_IN_PROCESS);
        for (Floor floor : order) {
            if (floor == Floor.SKETCH_IN_SERVER) {
                bench.say(Workload.CEILING, "installing the sketch (a column and an index on the queue, for good)");
                bench.port(TickBatchSketch.class).install();
            }
            for (int run = 1; run <= bench.settings().runs(); run++) {
                String tag = "ceiling " + floor.name().toLowerCase() + " run " + run;
                bench.workloads().emptyQueue();
                bench.workloads().rename(projects, tag);
                bench.workloads().vacuum();
                Duration took = floorDrain(floor, worst);
                worstTimes.computeIfAbsent(floor, key -> new ArrayList<>()).add(took);
                bench.workloads().emptyQueue();
                for (int round = 1; round <= eachTimes; round++) {
                    bench.workloads().rename(typical, tag + " round " + round);
                }
                bench.workloads().vacuum();
                Duration typicalTook = floorDrain(floor, (long) typical.count() * eachTimes);
                typicalTimes.computeIfAbsent(floor, key -> new ArrayList<>()).add(typicalTook);
                bench.say(
                        Workload.CEILING,
                        "run " + run + "/" + bench.settings().runs() + ", "
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
        return section.note(bench.runs()
                        + " of each; server times by the server's clock, each batch committed as a worker commits it. The sketch's rows come after "
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
                ServerDrain drain = bench.port(SchemaCeiling.class)
                        .drainInTheServer(
                                floor == Floor.SCHEMA_FLIP ? SchemaCeiling.Mode.FLIP : SchemaCeiling.Mode.FLIP_ONLY);
                events = drain.events();
                serverTime = drain.serverTime();
            }
            case SKETCH_IN_SERVER -> {
                ServerDrain drain = bench.port(TickBatchSketch.class).drainInTheServer();
                events = drain.events();
                serverTime = drain.serverTime();
            }
            default -> events = bench.port(TickBatchSketch.class).drain();
        }
        Duration took = serverTime != null ? serverTime : Duration.ofNanos(System.nanoTime() - started);
        if (events != expected) {
            throw new IllegalStateException(floor + " took " + events + " events, expected " + expected);
        }
        if (floor != Floor.SCHEMA_FLIP_ONLY && bench.workloads().driftedResources() != 0) {
            throw new IllegalStateException(
                    floor + " left " + bench.workloads().driftedResources() + " resources out of sync");
        }
        return took;
    }
}
