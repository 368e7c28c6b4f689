package dev.catalogsync.adapters.scheduler.inbound.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnixCronTest {

    @Test
    void gitlabs_expression_fires_on_every_minute() {
        Instant next = UnixCron.parse(WorkerCron.GITLAB_CRON)
                .getNextExecutionTime(ExecutionComplete.simulatedSuccess(Instant.parse("2026-03-02T10:00:30Z")));

        assertThat(next).isEqualTo(Instant.parse("2026-03-02T10:01:00Z"));
    }

    @Test
    void other_five_field_expressions_are_read_in_utc() {
        Instant next = UnixCron.parse("30 2 * * *")
                .getNextExecutionTime(ExecutionComplete.simulatedSuccess(Instant.parse("2026-03-02T10:00:30Z")));

        assertThat(next).isEqualTo(Instant.parse("2026-03-03T02:30:00Z"));
    }

    @Test
    void an_expression_with_a_seconds_field_or_garbage_is_refused_with_an_example() {
        assertThatThrownBy(() -> UnixCron.parse("0 */1 * * * *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("five-field")
                .hasMessageContaining(WorkerCron.GITLAB_CRON);
        assertThatThrownBy(() -> UnixCron.parse("every minute")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_expression_that_never_fires_is_refused_and_a_rare_one_is_not() {
        for (String never : new String[] {"0 0 30 2 *", "0 0 31 4 *", "0 0 31 2,4,6,9,11 *"}) {
            assertThatThrownBy(() -> UnixCron.parse(never))
                    .as(never)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + never + "' never fires");
        }
        assertThat(UnixCron.parse("0 0 29 2 *")).isNotNull();
    }

    @Test
    void the_worker_cron_refuses_a_bad_expression_before_anything_is_scheduled() {
        assertThatThrownBy(() -> new WorkerCron("every minute", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every minute");
    }
}
