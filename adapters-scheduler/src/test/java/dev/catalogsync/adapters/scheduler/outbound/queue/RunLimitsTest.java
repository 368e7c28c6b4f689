package dev.catalogsync.adapters.scheduler.outbound.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunLimitsTest {

    @Test
    void retries_wait_twice_as_long_after_each_failure_up_to_the_ceiling() {
        RunLimits limits = RunLimits.DEFAULT;

        assertThat(limits.retryDelayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(limits.retryDelayAfter(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(limits.retryDelayAfter(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(limits.retryDelayAfter(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(limits.retryDelayAfter(1_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void a_run_ends_before_another_instance_could_declare_its_job_dead() {
        assertThat(RunLimits.DEFAULT.maxRunDuration()).isLessThan(UntilExecutedWorkerQueue.DEDUPLICATION_TTL);
    }

    @Test
    void limits_that_would_never_end_a_run_are_refused() {
        assertThatThrownBy(() -> new RunLimits(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunLimits(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("below firstRetryDelay");
    }
}
