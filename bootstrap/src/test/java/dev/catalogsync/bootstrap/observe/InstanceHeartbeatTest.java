package dev.catalogsync.bootstrap.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.catalogsync.application.fakes.InMemoryServiceInstances;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.port.out.ServiceInstances;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class InstanceHeartbeatTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryServiceInstances instances = new InMemoryServiceInstances(clock);

    @Test
    void a_started_instance_is_listed_at_once_and_leaves_the_list_when_it_stops() {
        InstanceHeartbeat heartbeat = new InstanceHeartbeat(instances, "host-a-101", clock);

        heartbeat.start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !instances.seenWithin(WINDOW).isEmpty());
        assertThat(instances.seenWithin(WINDOW).get(0).startedAt()).isEqualTo(clock.instant());

        heartbeat.close();
        assertThat(instances.seenWithin(WINDOW)).isEmpty();
    }

    @Test
    void the_heartbeat_carries_the_last_worker_run_and_failure_that_status_shows() {
        WorkerRunLog runs = new WorkerRunLog();
        runs.performFailed(
                new IllegalStateException("the database did not answer"), clock.instant(), Duration.ofMillis(40));
        InstanceHeartbeat heartbeat =
                new InstanceHeartbeat(instances, "host-a-101", clock, () -> StatusDocument.activityOf(runs));

        heartbeat.start();
        List<ServiceInstances.Instance> seen = await().atMost(Duration.ofSeconds(30))
                .until(() -> instances.seenWithin(WINDOW), list -> !list.isEmpty());
        heartbeat.close();

        StatusDocument.InstanceView view = StatusDocument.InstanceView.of(seen.get(0));
        assertThat(view.lastWorkerRun().path("outcome").asText()).isEqualTo("failed");
        assertThat(view.lastFailure().path("at").asText()).isEqualTo("2026-03-01T10:00:00.040Z");
        assertThat(view.lastFailure().path("message").asText()).contains("the database did not answer");
    }

    @Test
    void a_database_that_does_not_answer_does_not_hold_up_the_stop() {
        CountDownLatch never = new CountDownLatch(1);
        ServiceInstances hanging = new ServiceInstances() {
            @Override
            public void heartbeat(String instance, Instant startedAt, Activity activity) {
                blockOn(never);
            }

            @Override
            public void leave(String instance) {
                blockOn(never);
            }

            @Override
            public List<Instance> seenWithin(Duration window) {
                return List.of();
            }
        };
        InstanceHeartbeat heartbeat = new InstanceHeartbeat(hanging, "host-a-101", clock);
        heartbeat.start();

        assertTimeoutPreemptively(Duration.ofSeconds(60), heartbeat::close, "close gives up on the database");
    }

    private static void blockOn(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
