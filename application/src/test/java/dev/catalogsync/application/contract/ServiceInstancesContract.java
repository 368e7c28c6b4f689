package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.out.ServiceInstances;
import dev.catalogsync.application.port.out.ServiceInstances.Instance;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link ServiceInstances} must do. Subclasses start each test with no instance known. */
public abstract class ServiceInstancesContract {

    private static final Duration WINDOW = Duration.ofSeconds(30);

    protected abstract ServiceInstances instances();

    /** Moves {@code instance}'s last heartbeat {@code by} into the past, as if it had stopped beating. */
    protected abstract void age(String instance, Duration by);

    /** The store's clock now, near which heartbeats are stamped. */
    protected abstract Instant now();

    @Test
    void no_heartbeat_means_no_instance() {
        assertThat(instances().seenWithin(WINDOW)).isEmpty();
    }

    @Test
    void a_heartbeat_lists_the_instance_with_when_it_started_and_was_seen() {
        Instant started = now().minusSeconds(90).truncatedTo(ChronoUnit.MILLIS);

        instances().heartbeat("host-a-101", started);

        assertThat(instances().seenWithin(WINDOW)).singleElement().satisfies(instance -> {
            assertThat(instance.name()).isEqualTo("host-a-101");
            assertThat(instance.startedAt()).isEqualTo(started);
            assertThat(instance.lastSeenAt()).isCloseTo(now(), within());
            assertThat(instance.running()).isEmpty();
            assertThat(instance.activity()).isEqualTo(ServiceInstances.Activity.NONE);
        });
    }

    @Test
    void the_activity_of_the_last_heartbeat_comes_back_as_it_was_written() {
        String run = "{\"status\":\"done\",\"processed_events\":1000, \"note\":\"kept as written\"}";
        String failure = "{\"at\":\"2026-11-29T23:00:00Z\",\"message\":\"the database did not answer\"}";
        instances().heartbeat("host-a-101", now(), new ServiceInstances.Activity(Optional.of(run), Optional.empty()));
        instances()
                .heartbeat("host-a-101", now(), new ServiceInstances.Activity(Optional.of(run), Optional.of(failure)));

        assertThat(instances().seenWithin(WINDOW))
                .singleElement()
                .extracting(Instance::activity)
                .isEqualTo(new ServiceInstances.Activity(Optional.of(run), Optional.of(failure)));

        instances().heartbeat("host-a-101", now());
        assertThat(instances().seenWithin(WINDOW))
                .singleElement()
                .extracting(Instance::activity)
                .as("a heartbeat without activity replaces the one before")
                .isEqualTo(ServiceInstances.Activity.NONE);
    }

    @Test
    void heartbeats_are_idempotent_and_the_instance_seen_last_comes_first() {
        instances().heartbeat("host-a-101", now());
        instances().heartbeat("host-b-202", now());
        age("host-a-101", Duration.ofSeconds(5));
        instances().heartbeat("host-b-202", now());

        assertThat(instances().seenWithin(WINDOW))
                .extracting(Instance::name)
                .containsExactly("host-b-202", "host-a-101");
    }

    @Test
    void an_instance_not_seen_within_the_window_is_not_listed_until_it_beats_again() {
        instances().heartbeat("host-a-101", now());
        age("host-a-101", WINDOW.plusSeconds(10));

        assertThat(instances().seenWithin(WINDOW)).isEmpty();

        instances().heartbeat("host-a-101", now());
        assertThat(instances().seenWithin(WINDOW)).extracting(Instance::name).containsExactly("host-a-101");
    }

    @Test
    void an_instance_that_leaves_is_gone_at_once_and_leaving_twice_is_harmless() {
        instances().heartbeat("host-a-101", now());
        instances().heartbeat("host-b-202", now());

        instances().leave("host-a-101");
        instances().leave("host-a-101");
        instances().leave("never-seen");

        assertThat(instances().seenWithin(WINDOW)).extracting(Instance::name).containsExactly("host-b-202");
    }

    @Test
    void an_instance_silent_longer_than_the_forget_time_is_forgotten_by_the_next_heartbeat() {
        instances().heartbeat("died-long-ago", now());
        age("died-long-ago", ServiceInstances.FORGET_AFTER.plusMinutes(1));

        instances().heartbeat("host-b-202", now());

        assertThat(instances().seenWithin(ServiceInstances.FORGET_AFTER.multipliedBy(2)))
                .extracting(Instance::name)
                .containsExactly("host-b-202");
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return org.assertj.core.api.Assertions.within(10, ChronoUnit.SECONDS);
    }
}
