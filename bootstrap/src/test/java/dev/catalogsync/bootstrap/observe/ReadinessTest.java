package dev.catalogsync.bootstrap.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.port.in.ObserveQueue.QueueSample;
import dev.catalogsync.application.port.out.CronTicks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Each check of {@code /ready}, turned failing and back by what the sampler saw. */
class ReadinessTest {

    private static final Duration BOUND = Duration.ofMinutes(5);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:30Z"));
    private final AtomicReference<Supplier<QueueSample>> next = new AtomicReference<>(() -> healthy(false));
    private final QueueSampler sampler = new QueueSampler(() -> next.get().get(), clock);
    private final AtomicBoolean polling = new AtomicBoolean(true);
    private final Readiness readiness = new Readiness(sampler, Optional.of(polling::get), "*/1 * * * *", BOUND, clock);

    private QueueSample healthy(boolean syncEnabled) {
        return sample(syncEnabled, Duration.ofSeconds(1), nextMinute());
    }

    private Instant nextMinute() {
        return clock.instant().plusSeconds(30);
    }

    private QueueSample sample(boolean syncEnabled, Duration oldest, Instant nextTick) {
        return new QueueSample(
                clock.instant(),
                3,
                oldest,
                false,
                syncEnabled,
                Optional.of(new CronTicks.Ticks(nextTick, Optional.of(nextTick.minusSeconds(60)))));
    }

    private Readiness.Report sampledReport() {
        sampler.sampleOnce();
        return readiness.report();
    }

    @Test
    void is_not_ready_before_the_first_sample() {
        assertThat(readiness.report().ready()).isFalse();
        assertThat(readiness.report().failing())
                .extracting(Readiness.Check::name)
                .contains("database");
    }

    @Test
    void is_ready_when_every_check_passes() {
        Readiness.Report report = sampledReport();

        assertThat(report.ready()).as("%s", report).isTrue();
        assertThat(report.checks())
                .extracting(Readiness.Check::name)
                .containsExactly("database", "scheduler", "cron", "oldest_pending_event");
    }

    @Test
    void a_failed_sample_fails_the_database_check_with_a_safe_message_and_recovers() {
        sampledReport();
        next.set(() -> {
            throw new IllegalStateException("SQL [select 1]; Connection to 127.0.0.1:5432 refused");
        });

        Readiness.Report down = sampledReport();

        assertThat(down.failing()).extracting(Readiness.Check::name).containsExactly("database");
        assertThat(down.failing().get(0).detail()).contains("refused").doesNotContain("select");
        next.set(() -> healthy(false));
        assertThat(sampledReport().ready()).isTrue();
    }

    @Test
    void a_sample_grown_old_fails_the_database_check() {
        sampledReport();
        clock.advance(Readiness.SAMPLE_FRESHNESS.plusSeconds(1));

        assertThat(readiness.report().failing())
                .extracting(Readiness.Check::name)
                .contains("database");
    }

    @Test
    void an_old_pending_event_fails_only_while_the_flag_is_on() {
        next.set(() -> sample(true, BOUND.plusSeconds(1), nextMinute()));
        assertThat(sampledReport().failing()).extracting(Readiness.Check::name).containsExactly("oldest_pending_event");

        next.set(() -> sample(false, BOUND.plusSeconds(1), nextMinute()));
        assertThat(sampledReport().ready()).isTrue();
    }

    @Test
    void an_overdue_cron_and_a_stopped_scheduler_fail() {
        next.set(() -> sample(false, Duration.ZERO, clock.instant().minusSeconds(61)));
        polling.set(false);

        assertThat(sampledReport().failing()).extracting(Readiness.Check::name).containsExactly("scheduler", "cron");
    }

    @Test
    void without_a_scheduler_of_its_own_neither_the_scheduler_nor_the_cron_is_checked() {
        Readiness hosted = new Readiness(sampler, Optional.empty(), "*/1 * * * *", BOUND, clock);
        sampler.sampleOnce();

        assertThat(hosted.report().checks())
                .extracting(Readiness.Check::name)
                .containsExactly("database", "oldest_pending_event");
    }
}
