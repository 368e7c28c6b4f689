package dev.catalogsync.bootstrap.bench;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How big and how often.
 *
 * @param scale multiplies every count (1 is the README's run; a small fraction makes a smoke test)
 * @param runs how many times each measurement is taken, alternating the variants; medians are reported
 * @param workloads which measurements to take
 * @param propagationTime how long each propagation run writes
 * @param updatesPerSecond the propagation runs' write rate
 */
public record BenchSettings(
        double scale, int runs, Set<Workload> workloads, Duration propagationTime, int updatesPerSecond) {

    public static final int WORST_CASE_EVENTS = 200_000;
    public static final int TYPICAL_RESOURCES = 10_000;
    public static final int TYPICAL_EVENTS_EACH = 10;
    public static final int MILLION_EVENTS = 1_000_000;
    public static final int BULK_PROJECTS = 200_000;
    public static final int SINGLE_ROW_UPDATES = 20_000;

    public static final BenchSettings DEFAULTS =
            new BenchSettings(1.0, 3, EnumSet.allOf(Workload.class), Duration.ofSeconds(20), 200);

    public BenchSettings {
        if (!(scale > 0) || scale > 10) {
            throw new IllegalArgumentException("--scale must be above 0 and at most 10, was " + scale);
        }
        if (runs < 1 || runs > 100) {
            throw new IllegalArgumentException("--runs must be between 1 and 100, was " + runs);
        }
        workloads = Set.copyOf(Objects.requireNonNull(workloads, "workloads"));
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("--only must name at least one workload");
        }
        if (propagationTime.isNegative() || propagationTime.isZero()) {
            throw new IllegalArgumentException("--propagation-seconds must be at least 1");
        }
        if (updatesPerSecond < 1 || updatesPerSecond > 10_000) {
            throw new IllegalArgumentException("--rate must be between 1 and 10000, was " + updatesPerSecond);
        }
    }

    /** {@code count} scaled, never below 1. */
    public int scaled(int count) {
        return (int) Math.max(1, Math.round(count * scale));
    }

    public boolean includes(Workload workload) {
        return workloads.contains(workload);
    }

    /** How many updates one propagation run makes. */
    public int propagationUpdates() {
        return (int) Math.max(1, propagationTime.toMillis() * updatesPerSecond / 1000);
    }
}
