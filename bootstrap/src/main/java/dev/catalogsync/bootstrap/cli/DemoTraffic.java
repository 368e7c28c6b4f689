package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.adapters.postgres.DemoCatalog;
import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdated;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo's changes to the demo projects, through each of the three ways a change reaches the mirror, and how
 * long each took to arrive there (its lag), measured by looking at the mirror itself.
 */
final class DemoTraffic {

    /** How a change is made, and so how the worker learns of it. */
    enum Path {
        /** An application's update followed by the after-update callback (in-process, HandleProjectUpdate). */
        CALLBACK,
        /** One UPDATE by direct SQL: no callback; the idle poll notices it. */
        DIRECT_SQL,
        /** One UPDATE of many projects at once: no callback either. */
        BULK
    }

    /** How many projects one bulk change renames. */
    static final int BULK_SIZE = 50;

    private record Change(Path path, long projectId, String name, long madeAtNanos) {}

    /** Per path: changes made, changes seen in the mirror, the last and the largest lag. */
    record PathFigures(long made, long synced, long lastLagMillis, long maxLagMillis) {}

    private final DemoCatalog catalog;
    private final HandleProjectUpdate callback;
    private final long firstProject;
    private final long lastProject;
    private final List<Change> outstanding = new ArrayList<>();
    private final Map<Path, long[]> figures = new EnumMap<>(Path.class);
    private long changes;

    DemoTraffic(DemoCatalog catalog, HandleProjectUpdate callback, long firstProject, long lastProject) {
        this.catalog = catalog;
        this.callback = callback;
        this.firstProject = firstProject;
        this.lastProject = lastProject;
        for (Path path : Path.values()) {
            figures.put(path, new long[4]);
        }
    }

    /** Makes the next change, taking the paths in turn. */
    void change() {
        Path path = Path.values()[(int) (changes % Path.values().length)];
        long span = lastProject - firstProject + 1;
        long project = firstProject + (changes * 7919) % span;
        changes++;
        String name = "demo change " + changes;
        switch (path) {
            case CALLBACK -> {
                catalog.rename(project, name);
                callback.handle(new ProjectUpdated(project, Set.of("name")));
            }
            case DIRECT_SQL -> catalog.rename(project, name);
            case BULK -> {
                long last = Math.min(lastProject, project + BULK_SIZE - 1);
                String prefix = "demo bulk " + changes + " #";
                catalog.renameAll(project, last, prefix);
                project = last;
                name = prefix + last;
            }
        }
        figures.get(path)[0]++;
        outstanding.add(new Change(path, project, name, System.nanoTime()));
    }

    /** Looks in the mirror for the changes not seen there yet, and records the lag of each that is. */
    void observe() {
        Iterator<Change> waiting = outstanding.iterator();
        while (waiting.hasNext()) {
            Change change = waiting.next();
            if (catalog.mirrors(change.projectId(), change.name())) {
                long lag = Duration.ofNanos(System.nanoTime() - change.madeAtNanos())
                        .toMillis();
                long[] path = figures.get(change.path());
                path[1]++;
                path[2] = lag;
                path[3] = Math.max(path[3], lag);
                waiting.remove();
            }
        }
    }

    /** Whether every change made so far has reached the mirror. */
    boolean allSynced() {
        return outstanding.isEmpty();
    }

    Map<Path, PathFigures> figures() {
        Map<Path, PathFigures> copy = new EnumMap<>(Path.class);
        figures.forEach((path, values) -> copy.put(path, new PathFigures(values[0], values[1], values[2], values[3])));
        return copy;
    }
}
