package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.out.ExclusiveLease;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link ExclusiveLease} must do. Subclasses start each test with no lease held. */
public abstract class ExclusiveLeaseContract {

    private static final Duration TTL = Duration.ofMinutes(1);

    protected abstract ExclusiveLease lease();

    /** Makes the time to live of whoever holds {@code key} run out, as if a minute had passed. */
    protected abstract void expire(String key);

    @Test
    void a_free_lease_is_obtained() {
        assertThat(lease().tryObtain("a", TTL)).isPresent();
    }

    @Test
    void a_held_lease_is_refused_to_another_run() {
        Optional<ExclusiveLease.Held> first = lease().tryObtain("a", TTL);

        assertThat(first).isPresent();
        assertThat(lease().tryObtain("a", TTL)).isEmpty();
    }

    @Test
    void leases_of_other_keys_do_not_interfere() {
        lease().tryObtain("a", TTL);

        assertThat(lease().tryObtain("b", TTL)).isPresent();
    }

    @Test
    void a_released_lease_can_be_obtained_again() {
        lease().tryObtain("a", TTL).orElseThrow().close();

        assertThat(lease().tryObtain("a", TTL)).isPresent();
    }

    @Test
    void an_expired_lease_can_be_taken_over() {
        lease().tryObtain("a", TTL);
        expire("a");

        assertThat(lease().tryObtain("a", TTL)).isPresent();
    }

    @Test
    void releasing_a_lease_taken_over_after_expiry_does_not_release_the_new_holder() {
        ExclusiveLease.Held stale = lease().tryObtain("a", TTL).orElseThrow();
        expire("a");
        ExclusiveLease.Held current = lease().tryObtain("a", TTL).orElseThrow();

        stale.close();

        assertThat(lease().tryObtain("a", TTL)).isEmpty();
        current.close();
        assertThat(lease().tryObtain("a", TTL)).isPresent();
    }

    @Test
    void closing_twice_is_harmless() {
        ExclusiveLease.Held held = lease().tryObtain("a", TTL).orElseThrow();
        held.close();
        held.close();

        assertThat(lease().tryObtain("a", TTL)).isPresent();
    }

    @Test
    void is_held_while_a_holder_has_it_and_not_after_release_or_expiry() {
        assertThat(lease().isHeld("a")).isFalse();
        ExclusiveLease.Held held = lease().tryObtain("a", TTL).orElseThrow();

        assertThat(lease().isHeld("a")).isTrue();
        assertThat(lease().isHeld("b")).isFalse();
        held.close();
        assertThat(lease().isHeld("a")).isFalse();

        lease().tryObtain("a", TTL);
        expire("a");
        assertThat(lease().isHeld("a")).isFalse();
    }

    @Test
    void a_held_lease_names_its_key_its_time_to_live_and_a_holder_of_its_own() {
        ExclusiveLease.Held first = lease().tryObtain("a", TTL).orElseThrow();
        first.close();
        ExclusiveLease.Held second = lease().tryObtain("a", TTL).orElseThrow();

        assertThat(first.token().key()).isEqualTo("a");
        assertThat(first.token().timeToLive()).isEqualTo(TTL);
        assertThat(second.token().owner()).isNotEqualTo(first.token().owner());
        second.close();
    }
}
