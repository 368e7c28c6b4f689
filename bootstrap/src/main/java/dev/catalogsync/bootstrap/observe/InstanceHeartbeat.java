package dev.catalogsync.bootstrap.observe;

import dev.catalogsync.application.port.out.ServiceInstances;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the database every {@link #INTERVAL} that this service instance is alive, and what it did last, on a thread
 * of its own, so that every instance, the console and the {@code status} command can list the instances working on
 * the database; on close, says it left.
 * A failed heartbeat (the database does not answer) is logged at debug and tried again at the next interval.
 */
public final class InstanceHeartbeat implements AutoCloseable {

    public static final Duration INTERVAL = Duration.ofSeconds(10);

    /** Longest the stop waits for the database to take this instance off the list. */
    static final Duration LEAVE_BUDGET = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(InstanceHeartbeat.class);

    private final ServiceInstances instances;
    private final String name;
    private final Instant startedAt;
    private final Supplier<ServiceInstances.Activity> activity;
    private final ScheduledExecutorService thread;

    /** For an instance with nothing to tell of its work. */
    public InstanceHeartbeat(ServiceInstances instances, String name, Clock clock) {
        this(instances, name, clock, () -> ServiceInstances.Activity.NONE);
    }

    /** @param activity asked at each heartbeat what this instance did last, which the heartbeat carries */
    public InstanceHeartbeat(
            ServiceInstances instances, String name, Clock clock, Supplier<ServiceInstances.Activity> activity) {
        this.instances = Objects.requireNonNull(instances, "instances");
        this.name = Objects.requireNonNull(name, "name");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.startedAt = clock.instant();
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread heartbeat = new Thread(runnable, "catalog-sync-instance-heartbeat");
            heartbeat.setDaemon(true);
            return heartbeat;
        });
    }

    public String name() {
        return name;
    }

    /** Beats now and then every {@link #INTERVAL}. */
    public void start() {
        thread.scheduleWithFixedDelay(this::beat, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            instances.heartbeat(name, startedAt, activity.get());
        } catch (RuntimeException e) {
            LOG.debug("instance heartbeat failed: {}", SafeMessage.of(e));
        }
    }

    /**
     * Stops beating and removes this instance from the list, waiting at most {@link #LEAVE_BUDGET} for the database:
     * while it does not answer, the stop goes on without it, and the row ages out of the list by itself.
     */
    @Override
    public void close() {
        thread.submit(this::leave);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(LEAVE_BUDGET.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
                thread.awaitTermination(LEAVE_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void leave() {
        try {
            instances.leave(name);
        } catch (RuntimeException e) {
            LOG.info("could not remove instance {} from the list: {}", name, SafeMessage.of(e));
        }
    }

    @Override
    public String toString() {
        return "instance heartbeat of " + name;
    }
}
