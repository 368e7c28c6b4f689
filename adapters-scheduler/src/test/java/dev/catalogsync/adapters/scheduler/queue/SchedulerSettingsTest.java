package dev.catalogsync.adapters.scheduler.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import dev.catalogsync.application.port.in.BatchSize;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SchedulerSettingsTest {

    private static SchedulerSettings withCron(String cron) {
        return new SchedulerSettings(cron, BatchSize.DEFAULT, "test", Duration.ofMillis(200));
    }

    @Test
    void gitlabs_expression_fires_on_every_minute() {
        Instant next = withCron(SchedulerSettings.GITLAB_CRON).cronSchedule()
                .getNextExecutionTime(ExecutionComplete.simulatedSuccess(Instant.parse("2026-03-02T10:00:30Z")));

        assertThat(next).isEqualTo(Instant.parse("2026-03-02T10:01:00Z"));
    }

    @Test
    void other_five_field_expressions_are_read_in_utc() {
        Instant next = withCron("30 2 * * *").cronSchedule()
                .getNextExecutionTime(ExecutionComplete.simulatedSuccess(Instant.parse("2026-03-02T10:00:30Z")));

        assertThat(next).isEqualTo(Instant.parse("2026-03-03T02:30:00Z"));
    }

    @Test
    void an_expression_with_a_seconds_field_or_garbage_is_refused_with_an_example() {
        assertThatThrownBy(() -> withCron("0 */1 * * * *")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("five-field").hasMessageContaining(SchedulerSettings.GITLAB_CRON);
        assertThatThrownBy(() -> withCron("every minute")).isInstanceOf(IllegalArgumentException.class);
    }
}
