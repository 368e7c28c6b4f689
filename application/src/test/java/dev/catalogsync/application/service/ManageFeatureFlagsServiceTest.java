package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.application.fakes.InMemoryFeatureFlagAudit;
import dev.catalogsync.application.fakes.InMemoryFeatureFlagStore;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.flags.FeatureFlagDefinitions;
import dev.catalogsync.application.flags.UnknownFeatureFlagException;
import dev.catalogsync.application.port.in.ManageFeatureFlags.FlagState;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.FlagChange;
import dev.catalogsync.application.port.out.FlagChange.StoredState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManageFeatureFlagsServiceTest {

    private static final String SYNC = PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name();

    private final InMemoryFeatureFlagStore store = new InMemoryFeatureFlagStore();
    private final InMemoryFeatureFlagAudit audit = new InMemoryFeatureFlagAudit();
    private final SettableClock clock = new SettableClock();
    private final ManageFeatureFlagsService flags = new ManageFeatureFlagsService(store, audit, clock);

    @Test
    void the_sync_flag_ships_disabled_as_in_gitlab() {
        assertThat(flags.get(SYNC)).isEqualTo(new FlagState(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS, false, false));
    }

    @Test
    void rollout_rollback_and_clean_up() {
        assertThat(flags.set(SYNC, true).enabled()).isTrue();
        assertThat(flags.get(SYNC)).isEqualTo(new FlagState(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS, true, true));

        assertThat(flags.set(SYNC, false)).isEqualTo(new FlagState(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS, false, true));

        assertThat(flags.delete(SYNC)).isEqualTo(new FlagState(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS, false, false));
        assertThat(store.overrides()).isEmpty();
    }

    @Test
    void lists_every_known_flag_with_its_state() {
        store.setOverride(SYNC, true);

        assertThat(flags.list())
                .hasSize(FeatureFlagDefinitions.all().size())
                .contains(new FlagState(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS, true, true));
    }

    @Test
    void unknown_names_are_refused_and_nothing_is_stored() {
        assertThatThrownBy(() -> flags.set("ci_process_catalog_resource_sync_event", true))
                .isInstanceOf(UnknownFeatureFlagException.class)
                .hasMessageContaining("Unknown feature flag 'ci_process_catalog_resource_sync_event'")
                .hasMessageContaining(SYNC);
        assertThatThrownBy(() -> flags.get("nope")).isInstanceOf(UnknownFeatureFlagException.class);
        assertThatThrownBy(() -> flags.delete("nope")).isInstanceOf(UnknownFeatureFlagException.class);
        assertThat(store.overrides()).isEmpty();
    }

    @Test
    void every_change_is_recorded_with_before_after_actor_origin_and_time() {
        ChangedBy alice = new ChangedBy("alice", ChangedBy.COMMAND_LINE);
        Instant enabledAt = clock.instant();
        flags.set(SYNC, true, alice);
        clock.advance(Duration.ofMinutes(5));
        flags.delete(SYNC);

        assertThat(flags.history(SYNC, 10))
                .containsExactly(
                        new FlagChange(
                                SYNC,
                                StoredState.ENABLED,
                                StoredState.DEFAULT,
                                ChangedBy.UNNAMED_HOST,
                                enabledAt.plus(Duration.ofMinutes(5))),
                        new FlagChange(SYNC, StoredState.DEFAULT, StoredState.ENABLED, alice, enabledAt));
    }

    @Test
    void a_refused_name_records_nothing() {
        assertThatThrownBy(() -> flags.set("nope", true)).isInstanceOf(UnknownFeatureFlagException.class);
        assertThatThrownBy(() -> flags.history("nope", 1)).isInstanceOf(UnknownFeatureFlagException.class);

        assertThat(audit.history("nope", 10)).isEmpty();
    }
}
