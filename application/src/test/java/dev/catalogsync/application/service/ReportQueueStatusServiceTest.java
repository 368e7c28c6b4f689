package dev.catalogsync.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.contract.MirroredAttributes;
import dev.catalogsync.application.contract.VisibilityLevel;
import dev.catalogsync.application.fakes.InMemoryCatalog;
import dev.catalogsync.application.fakes.InMemoryFeatureFlagStore;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.ReportQueueStatus.QueueStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportQueueStatusServiceTest {

    private final SettableClock clock = new SettableClock();
    private final InMemoryCatalog catalog = new InMemoryCatalog(clock);
    private final ReportQueueStatusService status = new ReportQueueStatusService(
            catalog, catalog, new FeatureFlagStates(new InMemoryFeatureFlagStore()), clock);

    @Test
    void an_empty_queue_reports_zeros() {
        assertThat(status.status()).isEqualTo(new QueueStatus(0, 0, Duration.ZERO, List.of(1L), false));
    }

    @Test
    void reports_the_age_of_the_oldest_pending_event_from_the_clock() {
        long project = catalog.createProject(new MirroredAttributes("a", null, VisibilityLevel.PUBLIC));
        catalog.createCatalogResource(project);
        catalog.updateProject(project, new MirroredAttributes("b", null, VisibilityLevel.PUBLIC));
        clock.advance(Duration.ofSeconds(42));
        catalog.updateProject(project, new MirroredAttributes("c", null, VisibilityLevel.PUBLIC));

        QueueStatus reported = status.status();

        assertThat(reported.pendingEvents()).isEqualTo(2);
        assertThat(reported.estimatedTotalEvents()).isEqualTo(2);
        assertThat(reported.oldestPendingAge()).isEqualTo(Duration.ofSeconds(42));
    }
}
