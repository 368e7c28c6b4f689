package dev.catalogsync.bootstrap.bench;

import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads.ProjectRange;
import dev.catalogsync.adapters.postgres.benchmark.PropagationProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** (e): renames at a steady rate against {@code run} in a process of its own, by callback and by direct SQL. */
final class PropagationMeasurement {

    private final BenchContext bench;

    PropagationMeasurement(BenchContext bench) {
        this.bench = bench;
    }

    Section measure() {
        int updates = bench.settings().propagationUpdates();
        Section section = new Section(
                "(" + Workload.PROPAGATION.letter() + ") propagation through `run` at "
                        + bench.settings().updatesPerSecond()
                        + " renames/s, from the rename's commit to the catalog showing it",
                "path",
                "renames",
                "p50",
                "p99",
                "max",
                "lost");
        if (bench.jvm().isEmpty()) {
            return section.note("Left out: the bench runs from classes, not from the standalone jar.");
        }
        int needed = updates * bench.settings().runs() * PropagationRun.Path.values().length;
        bench.say(Workload.PROPAGATION, "creating " + needed + " catalog projects, starting 'run'");
        bench.workloads().clear();
        ProjectRange projects = bench.workloads().createCatalogProjects(needed);
        bench.workloads().vacuum();
        Map<PropagationRun.Path, List<Duration>> latencies = new EnumMap<>(PropagationRun.Path.class);
        Map<PropagationRun.Path, int[]> lostAndRejected = new EnumMap<>(PropagationRun.Path.class);
        PropagationRun measurement = new PropagationRun(() -> bench.port(PropagationProbe.class));
        long next = projects.firstId();
        try (PropagationRun.Service running =
                PropagationRun.Service.start(bench.jvm().orElseThrow())) {
            for (int run = 1; run <= bench.settings().runs(); run++) {
                PropagationRun.Path[] paths = PropagationRun.Path.values();
                for (int turn = 0; turn < paths.length; turn++) {
                    PropagationRun.Path path = paths[(turn + run - 1) % paths.length];
                    List<Long> ids =
                            LongStream.range(next, next + updates).boxed().toList();
                    next += updates;
                    PropagationRun.Result result =
                            measurement.measure(path, ids, bench.settings().updatesPerSecond(), running.hook());
                    latencies.computeIfAbsent(path, key -> new ArrayList<>()).addAll(result.latencies());
                    int[] counts = lostAndRejected.computeIfAbsent(path, key -> new int[2]);
                    counts[0] += result.lost();
                    counts[1] += result.rejectedCallbacks();
                    bench.say(
                            Workload.PROPAGATION,
                            "run " + run + "/" + bench.settings().runs() + ", "
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
                    Stats.count((long) updates * bench.settings().runs()),
                    Stats.millis(Stats.percentile(samples, 50)),
                    Stats.millis(Stats.percentile(samples, 99)),
                    Stats.millis(Stats.percentile(samples, 100)),
                    counts[0] + (counts[1] > 0 ? " (" + counts[1] + " callbacks refused)" : ""));
        }
        return section.note("`run` with its defaults (poll every 250 ms, cron every minute) in a process of its own; "
                + "each rename is one committed UPDATE of a different catalog project; the catalog is read every "
                + PropagationRun.POLL.toMillis() + " ms, which bounds the resolution. "
                + bench.settings().runs()
                + (bench.settings().runs() == 1 ? " run" : " runs") + " of "
                + bench.settings().propagationTime().toSeconds()
                + " s per path, alternating; percentiles over all of them.");
    }
}
