package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.contract.MirroredAttributes;
import dev.catalogsync.application.contract.VisibilityLevel;
import dev.catalogsync.application.fakes.InMemoryCatalog;
import dev.catalogsync.application.fakes.InMemoryFeatureFlagStore;
import dev.catalogsync.application.fakes.RecordingWorkerQueue;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.CheckForPendingEvents.PendingCheck;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.EnqueueStatistics.EnqueuePath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The idle poll that catches updates made by direct SQL, which no callback reports. */
class CheckForPendingEventsServiceTest {

    private final InMemoryCatalog catalog = new InMemoryCatalog(new SettableClock());
    private final InMemoryFeatureFlagStore flagStore = new InMemoryFeatureFlagStore();
    private final RecordingWorkerQueue workerQueue = new RecordingWorkerQueue();
    private final List<String> decisions = new ArrayList<>();
    private final CheckForPendingEventsService poll = new CheckForPendingEventsService(
            catalog, new FeatureFlagStates(flagStore), workerQueue, new EnqueueStatistics() {
                @Override
                public void pathDecided(EnqueuePath path, String outcome) {
                    decisions.add(path.label() + " " + outcome);
                }
            });

    private void queueOneEvent() {
        long project = catalog.createProject(new MirroredAttributes("a", null, VisibilityLevel.PUBLIC));
        catalog.createCatalogResource(project);
        catalog.updateProject(project, new MirroredAttributes("b", null, VisibilityLevel.PUBLIC));
    }

    @Test
    void enqueues_the_worker_when_events_are_pending_and_the_flag_is_on() {
        queueOneEvent();
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);

        assertThat(poll.check()).isEqualTo(PendingCheck.ENQUEUED);
        assertThat(workerQueue.enqueued()).isEqualTo(1);
    }

    @Test
    void does_nothing_when_nothing_is_pending() {
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);

        assertThat(poll.check()).isEqualTo(PendingCheck.NOTHING_PENDING);
        assertThat(workerQueue.enqueued()).isZero();
    }

    @Test
    void does_nothing_while_the_flag_is_off_however_many_events_wait() {
        queueOneEvent();

        assertThat(poll.check()).isEqualTo(PendingCheck.FEATURE_FLAG_DISABLED);
        assertThat(workerQueue.enqueued()).isZero();
    }

    @Test
    void each_answer_is_told_to_the_enqueue_statistics_under_the_poll() {
        poll.check();
        queueOneEvent();
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
        poll.check();

        assertThat(decisions).containsExactly("poll feature_flag_disabled", "poll enqueued");
    }
}
