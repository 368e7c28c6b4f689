package dev.catalogsync.adapters.scheduler.inbound.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.application.port.in.CheckForPendingEvents;
import dev.catalogsync.application.port.in.CheckForPendingEvents.PendingCheck;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PendingEventsPollerTest {

    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final AtomicInteger checks = new AtomicInteger();
    private final CheckForPendingEvents check = () -> {
        checks.incrementAndGet();
        if (databaseDown.get()) {
            throw new IllegalStateException("Connection refused");
        }
        return PendingCheck.NOTHING_PENDING;
    };

    @Test
    void an_outage_backs_off_and_the_first_success_returns_to_the_interval() {
        PendingEventsPoller poller = new PendingEventsPoller(check);

        assertThat(poller.pollOnce()).isEqualTo(PendingEventsPoller.INTERVAL);
        databaseDown.set(true);
        assertThat(poller.pollOnce()).isEqualTo(Duration.ofMillis(500));
        assertThat(poller.pollOnce()).isEqualTo(Duration.ofSeconds(1));
        assertThat(poller.pollOnce()).isEqualTo(Duration.ofSeconds(2));
        databaseDown.set(false);
        assertThat(poller.pollOnce()).isEqualTo(PendingEventsPoller.INTERVAL);
    }

    @Test
    void polls_on_its_own_thread_until_closed() {
        try (PendingEventsPoller poller =
                new PendingEventsPoller(check, new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)))) {
            poller.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> checks.get() >= 3);
        }
        int afterClose = checks.get();

        assertThat(afterClose).isGreaterThanOrEqualTo(3);
    }
}
