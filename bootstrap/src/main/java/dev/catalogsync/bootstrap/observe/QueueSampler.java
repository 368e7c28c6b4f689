package dev.catalogsync.bootstrap.observe;

import dev.catalogsync.application.port.in.ObserveQueue;
import dev.catalogsync.application.port.in.ObserveQueue.QueueSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the queue ({@link ObserveQueue}: a handful of index probes) every {@link #INTERVAL} on a thread of its
 * own, so that gauges, {@code /ready} and {@code /status} read the last sample instead of querying per scrape or
 * request. Remembers the last sample, and the last failure while the database does not answer.
 */
public final class QueueSampler implements AutoCloseable {

    /** How often the queue is sampled: the gauges are at most this old. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(QueueSampler.class);

    /**
     * What the sampler knows.
     *
     * @param lastSample the last successful sample, if any
     * @param lastAttemptAt when it last tried
     * @param lastError why the last try failed, one safe line; empty when it succeeded
     */
    public record Observation(Optional<QueueSample> lastSample, Instant lastAttemptAt, Optional<String> lastError) {}

    private final ObserveQueue observe;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private volatile Observation observation;

    public QueueSampler(ObserveQueue observe, Clock clock) {
        this.observe = Objects.requireNonNull(observe, "observe");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.observation = new Observation(Optional.empty(), clock.instant(), Optional.of("not sampled yet"));
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread sampler = new Thread(runnable, "catalog-sync-queue-sampler");
            sampler.setDaemon(true);
            return sampler;
        });
    }

    /** Samples now and then every {@link #INTERVAL}. */
    public void start() {
        thread.scheduleWithFixedDelay(this::sampleOnce, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One sample, in the caller's thread; never throws. Tests call it to refresh the gauges at once. */
    public Observation sampleOnce() {
        Instant attempt = clock.instant();
        Observation next;
        try {
            next = new Observation(Optional.of(observe.sample()), attempt, Optional.empty());
            if (observation.lastError().isPresent() && observation.lastSample().isPresent()) {
                LOG.info("queue sample succeeds again");
            }
        } catch (RuntimeException e) {
            next = new Observation(observation.lastSample(), attempt, Optional.of(SafeMessage.of(e)));
            LOG.debug("queue sample failed: {}", next.lastError().orElseThrow());
        }
        observation = next;
        return next;
    }

    public Observation observation() {
        return observation;
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
