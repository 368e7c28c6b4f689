package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.out.FeatureFlagStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link FeatureFlagStore} must do. Subclasses start each test with no override stored. */
public abstract class FeatureFlagStoreContract {

    protected abstract FeatureFlagStore store();

    @Test
    void a_flag_never_set_has_no_override() {
        assertThat(store().override("some_flag")).isEmpty();
        assertThat(store().overrides()).isEmpty();
    }

    @Test
    void a_set_override_is_read_back_and_replaced_by_the_next() {
        store().setOverride("some_flag", true);
        assertThat(store().override("some_flag")).contains(true);

        store().setOverride("some_flag", false);
        assertThat(store().override("some_flag")).contains(false);
        assertThat(store().overrides()).isEqualTo(Map.of("some_flag", false));
    }

    @Test
    void deleting_an_override_reports_whether_there_was_one() {
        store().setOverride("some_flag", true);

        assertThat(store().deleteOverride("some_flag")).isTrue();
        assertThat(store().deleteOverride("some_flag")).isFalse();
        assertThat(store().override("some_flag")).isEmpty();
    }
}
