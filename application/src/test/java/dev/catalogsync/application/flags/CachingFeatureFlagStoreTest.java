package dev.catalogsync.application.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.application.fakes.InMemoryFeatureFlagStore;
import dev.catalogsync.application.fakes.SettableClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingFeatureFlagStoreTest {

    private static final Duration TTL = Duration.ofMillis(500);

    private final SettableClock clock = new SettableClock();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final InMemoryFeatureFlagStore backing = new InMemoryFeatureFlagStore() {
        @Override
        public Optional<Boolean> override(String name) {
            reads.incrementAndGet();
            if (failing.get()) {
                throw new IllegalStateException("database unavailable");
            }
            return super.override(name);
        }
    };
    private final CachingFeatureFlagStore cached = new CachingFeatureFlagStore(backing, clock, TTL);

    @Test
    void reads_the_store_once_per_time_to_live_however_often_it_is_asked() {
        backing.setOverride("flag", true);

        for (int i = 0; i < 100; i++) {
            assertThat(cached.override("flag")).contains(true);
        }

        assertThat(reads).hasValue(1);
    }

    @Test
    void a_change_made_elsewhere_is_seen_once_the_time_to_live_has_passed() {
        backing.setOverride("flag", true);
        cached.override("flag");

        backing.setOverride("flag", false);
        clock.advance(TTL.minusMillis(1));
        assertThat(cached.override("flag")).contains(true);

        clock.advance(Duration.ofMillis(1));
        assertThat(cached.override("flag")).contains(false);
        assertThat(reads).hasValue(2);
    }

    @Test
    void a_missing_override_is_cached_too() {
        cached.override("flag");
        cached.override("flag");

        assertThat(cached.override("flag")).isEmpty();
        assertThat(reads).hasValue(1);
    }

    @Test
    void a_change_made_through_the_cache_is_seen_at_once() {
        cached.override("flag");

        cached.setOverride("flag", true);
        assertThat(cached.override("flag")).contains(true);

        cached.deleteOverride("flag");
        assertThat(cached.override("flag")).isEmpty();
    }

    @Test
    void failures_are_passed_on_and_not_cached() {
        failing.set(true);
        assertThatThrownBy(() -> cached.override("flag")).hasMessageContaining("database unavailable");

        failing.set(false);
        backing.setOverride("flag", true);
        assertThat(cached.override("flag")).contains(true);
    }

    @Test
    void listing_reads_through() {
        backing.setOverride("flag", true);

        assertThat(cached.overrides()).isEqualTo(Map.of("flag", true));
    }

    @Test
    void a_time_to_live_above_a_second_is_refused() {
        assertThatThrownBy(() -> new CachingFeatureFlagStore(backing, clock, Duration.ofMillis(1001)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
