package dev.catalogsync.bootstrap.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.domain.BatchResult;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProcessedRateTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ProcessedRate rate = new ProcessedRate(clock);

    private void processed(int events) {
        rate.batchProcessed(new BatchResult(events, events, events), Duration.ofMillis(5));
    }

    @Test
    void nothing_processed_is_fifteen_minutes_of_zeros_in_ten_second_intervals() {
        ProcessedRate.History history = rate.history();

        assertThat(history.intervalSeconds()).isEqualTo(10);
        assertThat(history.perSecond()).hasSize(90).containsOnly(0.0);
        assertThat(history.processedEvents()).isZero();
        assertThat(history.until()).isEqualTo("2026-03-01T10:00:10Z");
    }

    @Test
    void events_count_in_the_interval_their_batch_ended_in_as_events_per_second() {
        processed(400);
        processed(100);
        clock.advance(Duration.ofSeconds(10));
        processed(50);

        ProcessedRate.History history = rate.history();

        assertThat(history.perSecond().subList(88, 90)).containsExactly(50.0, 5.0);
        assertThat(history.processedEvents()).isEqualTo(550);
    }

    @Test
    void intervals_older_than_fifteen_minutes_are_forgotten_and_memory_stays_fixed() {
        processed(1000);
        clock.advance(Duration.ofMinutes(15));
        processed(20);

        ProcessedRate.History history = rate.history();

        assertThat(history.perSecond()).hasSize(90);
        assertThat(history.processedEvents())
                .as("the first batch left the window")
                .isEqualTo(20);
        clock.advance(Duration.ofHours(3));
        assertThat(rate.history().processedEvents()).isZero();
    }
}
