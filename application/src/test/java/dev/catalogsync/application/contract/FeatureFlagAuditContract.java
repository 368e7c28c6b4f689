package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.FeatureFlagAudit;
import dev.catalogsync.application.port.out.FlagChange;
import dev.catalogsync.application.port.out.FlagChange.StoredState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** What every {@link FeatureFlagAudit} must do. Subclasses start each test with nothing recorded. */
public abstract class FeatureFlagAuditContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    protected abstract FeatureFlagAudit audit();

    private static FlagChange change(String flag, StoredState before, StoredState after, Instant at) {
        return new FlagChange(flag, before, after, new ChangedBy("alice", ChangedBy.COMMAND_LINE), at);
    }

    @Test
    void nothing_recorded_means_an_empty_history() {
        assertThat(audit().history("some_flag", 10)).isEmpty();
    }

    @Test
    void a_recorded_change_is_read_back_whole() {
        FlagChange enabled = new FlagChange(
                "some_flag", StoredState.DEFAULT, StoredState.ENABLED, new ChangedBy("bob", "deploy_bot"), T0);

        audit().record(enabled);

        assertThat(audit().history("some_flag", 10)).containsExactly(enabled);
    }

    @Test
    void history_is_newest_first_limited_and_of_one_flag_only() {
        FlagChange first = change("some_flag", StoredState.DEFAULT, StoredState.ENABLED, T0);
        FlagChange second = change("some_flag", StoredState.ENABLED, StoredState.DISABLED, T0.plusSeconds(60));
        FlagChange third = change("some_flag", StoredState.DISABLED, StoredState.DEFAULT, T0.plusSeconds(120));
        audit().record(first);
        audit().record(second);
        audit().record(change("other_flag", StoredState.DEFAULT, StoredState.ENABLED, T0.plusSeconds(90)));
        audit().record(third);

        assertThat(audit().history("some_flag", 10)).containsExactly(third, second, first);
        assertThat(audit().history("some_flag", 2)).containsExactly(third, second);
    }

    @Test
    void changes_at_the_same_instant_come_newest_recorded_first() {
        Instant at = T0.truncatedTo(ChronoUnit.SECONDS);
        FlagChange on = change("some_flag", StoredState.DEFAULT, StoredState.ENABLED, at);
        FlagChange off = change("some_flag", StoredState.ENABLED, StoredState.DISABLED, at);
        audit().record(on);
        audit().record(off);

        assertThat(audit().history("some_flag", 10)).containsExactly(off, on);
    }
}
