package dev.catalogsync.adapters.scheduler.inbound.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10));

    @Test
    void waits_the_interval_while_things_work_and_doubles_after_each_failure_up_to_the_ceiling() {
        assertThat(backoff.delayAfter(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(1_000_000)).isEqualTo(Duration.ofSeconds(10));
    }
}
