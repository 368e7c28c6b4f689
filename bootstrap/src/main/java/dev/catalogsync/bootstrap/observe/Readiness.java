package dev.catalogsync.bootstrap.observe;

import dev.catalogsync.adapters.scheduler.inbound.cron.WorkerCron;
import dev.catalogsync.application.port.in.ObserveQueue.QueueSample;
import dev.catalogsync.application.port.out.CronTicks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether the service is ready, check by check, from what the {@link QueueSampler} last saw and the scheduler's own
 * state; no query of its own, so {@code GET /ready} costs nothing.
 *
 * <ul>
 *   <li>{@code database}: the last sample succeeded and is younger than {@link #SAMPLE_FRESHNESS};</li>
 *   <li>{@code scheduler}: db-scheduler is polling (when this service runs one);</li>
 *   <li>{@code cron}: the worker's cron ran within two of its intervals, anywhere in the cluster: its next tick is
 *       not overdue by more than one interval;</li>
 *   <li>{@code oldest_pending_event}: while the flag is on, the oldest pending event is younger than the bound.</li>
 * </ul>
 */
public final class Readiness {

    /** A sample older than this (three missed samples) means the database does not answer in time. */
    public static final Duration SAMPLE_FRESHNESS = QueueSampler.INTERVAL.multipliedBy(3);

    /** One check: its name, whether it passes, and why not. */
    public record Check(String name, boolean ok, String detail) {}

    /** All checks; ready when every one passes. */
    public record Report(boolean ready, List<Check> checks) {

        public List<Check> failing() {
            return checks.stream().filter(check -> !check.ok()).toList();
        }
    }

    private final QueueSampler sampler;
    private final Optional<BooleanSupplier> schedulerPolling;
    private final String cron;
    private final Duration maxPendingAge;
    private final Clock clock;

    /**
     * @param schedulerPolling the scheduler's state; empty when this service runs no scheduler (then neither the
     *     scheduler nor the cron is checked: the host drives the worker)
     * @param cron the worker cron's expression, for its interval
     * @param maxPendingAge the oldest a pending event may get while the flag is on
     */
    public Readiness(
            QueueSampler sampler,
            Optional<BooleanSupplier> schedulerPolling,
            String cron,
            Duration maxPendingAge,
            Clock clock) {
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.schedulerPolling = Objects.requireNonNull(schedulerPolling, "schedulerPolling");
        this.cron = Objects.requireNonNull(cron, "cron");
        this.maxPendingAge = Objects.requireNonNull(maxPendingAge, "maxPendingAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Report report() {
        Instant now = clock.instant();
        QueueSampler.Observation observation = sampler.observation();
        List<Check> checks = new ArrayList<>();
        checks.add(database(observation, now));
        Optional<QueueSample> sample = observation.lastSample();
        schedulerPolling.ifPresent(polling -> {
            checks.add(new Check(
                    "scheduler",
                    polling.getAsBoolean(),
                    polling.getAsBoolean() ? "polling" : "db-scheduler is not polling (stopped, paused or stopping)"));
            checks.add(cron(sample, now));
        });
        checks.add(oldestPending(sample));
        return new Report(checks.stream().allMatch(Check::ok), List.copyOf(checks));
    }

    private static Check database(QueueSampler.Observation observation, Instant now) {
        if (observation.lastError().isPresent()) {
            return new Check(
                    "database",
                    false,
                    "the last query failed: " + observation.lastError().get());
        }
        Instant sampledAt = observation.lastSample().map(QueueSample::sampledAt).orElse(Instant.MIN);
        if (Duration.between(sampledAt, now).compareTo(SAMPLE_FRESHNESS) > 0) {
            return new Check("database", false, "no answer for over " + SAMPLE_FRESHNESS.toSeconds() + " s");
        }
        return new Check("database", true, "answers");
    }

    private Check cron(Optional<QueueSample> sample, Instant now) {
        Optional<CronTicks.Ticks> ticks = sample.flatMap(QueueSample::cron);
        if (ticks.isEmpty()) {
            return new Check("cron", false, "the worker cron is not scheduled");
        }
        Duration interval = WorkerCron.interval(cron, now);
        Instant overdueFrom = ticks.get().next().plus(interval);
        if (now.isAfter(overdueFrom)) {
            return new Check(
                    "cron",
                    false,
                    "the worker cron has not run since "
                            + ticks.get().lastRun().map(Instant::toString).orElse("ever") + ": its tick of "
                            + ticks.get().next() + " is overdue");
        }
        return new Check("cron", true, "next tick " + ticks.get().next());
    }

    private Check oldestPending(Optional<QueueSample> sample) {
        if (sample.isEmpty()) {
            return new Check("oldest_pending_event", false, "not sampled yet");
        }
        QueueSample last = sample.get();
        if (last.syncEnabled() && last.oldestPendingAge().compareTo(maxPendingAge) > 0) {
            return new Check(
                    "oldest_pending_event",
                    false,
                    "waiting " + last.oldestPendingAge().toSeconds() + " s, over the bound of "
                            + maxPendingAge.toSeconds() + " s");
        }
        return new Check(
                "oldest_pending_event",
                true,
                last.syncEnabled()
                        ? "waiting " + last.oldestPendingAge().toSeconds() + " s"
                        : "the flag is off: events wait by design");
    }
}
