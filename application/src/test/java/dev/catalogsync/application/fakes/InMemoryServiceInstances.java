package dev.catalogsync.application.fakes;

import dev.catalogsync.application.port.out.ServiceInstances;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Instances in a map, stamped with the clock it is given; it knows of no scheduler, so none is running anything. */
public class InMemoryServiceInstances implements ServiceInstances {

    private final Clock clock;
    private final Map<String, Instance> instances = new HashMap<>();

    public InMemoryServiceInstances(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void heartbeat(String instance, Instant startedAt, Activity activity) {
        Instant now = clock.instant();
        instances.values().removeIf(seen -> seen.lastSeenAt().isBefore(now.minus(FORGET_AFTER)));
        instances.put(instance, new Instance(instance, startedAt, now, List.of(), activity));
    }

    @Override
    public synchronized void leave(String instance) {
        instances.remove(instance);
    }

    @Override
    public synchronized List<Instance> seenWithin(Duration window) {
        Instant since = clock.instant().minus(window);
        List<Instance> seen = new ArrayList<>();
        for (Instance instance : instances.values()) {
            if (!instance.lastSeenAt().isBefore(since)) {
                seen.add(instance);
            }
        }
        seen.sort(Comparator.comparing(Instance::lastSeenAt).reversed().thenComparing(Instance::name));
        return List.copyOf(seen);
    }

    /** Moves {@code instance}'s last heartbeat {@code by} into the past, as if it had stopped beating. */
    public synchronized void age(String instance, Duration by) {
        Instance seen = instances.get(instance);
        instances.put(
                instance,
                new Instance(
                        seen.name(), seen.startedAt(), seen.lastSeenAt().minus(by), seen.running(), seen.activity()));
    }
}
