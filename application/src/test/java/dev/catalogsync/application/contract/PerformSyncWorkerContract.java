package dev.catalogsync.application.contract;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.fakes.RecordingWorkerQueue;
import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.FeatureFlagStore;
import dev.catalogsync.application.port.out.SyncBatches;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.application.service.PerformSyncWorkerService;
import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.SyncEvent;
import dev.catalogsync.domain.WorkerRun;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GitLab's service spec for catalog resource sync events, run against a set of ports: the fakes, and the
 * PostgreSQL adapters with the real trigger. Subclasses provide a fresh world with the flag stored enabled.
 */
public abstract class PerformSyncWorkerContract {

    protected abstract CatalogWorld world();

    protected abstract SyncEventQueue queue();

    protected abstract SyncBatches batches();

    protected abstract ExclusiveLease lease();

    protected abstract FeatureFlagStore flagStore();

    private final RecordingWorkerQueue workerQueue = new RecordingWorkerQueue();
    private long project1;
    private long project2;
    private long resource1;
    private long resource2;

    private PerformSyncWorkerService worker() {
        return new PerformSyncWorkerService(
                queue(),
                batches(),
                lease(),
                workerQueue,
                new FeatureFlagStates(flagStore()),
                SyncStatistics.NOOP,
                EnqueueStatistics.NOOP,
                Clock.systemUTC());
    }

    private static MirroredAttributes attributes(String name, String description, VisibilityLevel visibility) {
        return new MirroredAttributes(name, description, visibility);
    }

    /** Three pending events for resource 1 (two updates of project 1, one more) and one for resource 2. */
    @BeforeEach
    void queue_events_as_gitlabs_spec_does() {
        flagStore().setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
        project1 = world().createProject(attributes("project 1", null, VisibilityLevel.PUBLIC));
        project2 = world().createProject(attributes("project 2", null, VisibilityLevel.PUBLIC));
        resource1 = world().createCatalogResource(project1);
        resource2 = world().createCatalogResource(project2);
        world().updateProject(project1, attributes("Name 1", "Test 1", VisibilityLevel.PUBLIC));
        world().updateProject(project1, attributes("Name 1", "Test 1", VisibilityLevel.INTERNAL));
        world().updateProject(project2, attributes("Name 2", "Test 2", VisibilityLevel.PUBLIC));
    }

    private long pendingCount() {
        return world().events().stream().filter(SyncEvent::isPending).count();
    }

    @Test
    void processes_every_event_and_syncs_each_resource_from_its_project() {
        WorkerRun run = worker().perform(BatchSize.DEFAULT);

        assertThat(run).isEqualTo(new WorkerRun.Processed(new BatchResult(3, 3, 3), false));
        assertThat(pendingCount()).isZero();
        assertThat(world().catalogResource(resource1))
                .map(CatalogResource::attributes)
                .contains(attributes("Name 1", "Test 1", VisibilityLevel.INTERNAL));
        assertThat(world().catalogResource(resource2))
                .map(CatalogResource::attributes)
                .contains(attributes("Name 2", "Test 2", VisibilityLevel.PUBLIC));
        assertThat(workerQueue.enqueued()).isZero();
    }

    @Test
    void a_batch_of_one_processes_the_oldest_event_and_enqueues_the_worker_again() {
        WorkerRun run = worker().perform(new BatchSize(1));

        assertThat(run).isEqualTo(new WorkerRun.Processed(new BatchResult(3, 1, 1), true));
        assertThat(pendingCount()).isEqualTo(2);
        assertThat(workerQueue.enqueued()).isEqualTo(1);
    }

    @Test
    void a_batch_of_two_then_the_rest() {
        assertThat(worker().perform(new BatchSize(2)))
                .isEqualTo(new WorkerRun.Processed(new BatchResult(3, 2, 2), true));
        assertThat(worker().perform(new BatchSize(2)))
                .isEqualTo(new WorkerRun.Processed(new BatchResult(1, 1, 1), false));
        assertThat(pendingCount()).isZero();
    }

    @Test
    void an_empty_queue_reports_nothing_consumable_and_no_processed_figure() {
        worker().perform(BatchSize.DEFAULT);

        WorkerRun run = worker().perform(BatchSize.DEFAULT);

        assertThat(run).isEqualTo(new WorkerRun.Processed(BatchResult.nothingConsumable(0), false));
        assertThat(((WorkerRun.Processed) run).result().processedEvents()).isEmpty();
    }

    @Test
    void orphaned_events_are_processed_too() {
        world().deleteCatalogResource(resource2);

        WorkerRun run = worker().perform(BatchSize.DEFAULT);

        assertThat(run).isEqualTo(new WorkerRun.Processed(new BatchResult(3, 3, 3), false));
        assertThat(pendingCount()).isZero();
        assertThat(world().catalogResource(resource1))
                .map(CatalogResource::attributes)
                .contains(attributes("Name 1", "Test 1", VisibilityLevel.INTERNAL));
    }

    @Test
    void a_held_lease_skips_processing_but_still_enqueues_while_events_are_pending() {
        Optional<ExclusiveLease.Held> other =
                lease().tryObtain(PerformSyncWorkerService.LEASE_KEY, Duration.ofMinutes(1));
        assertThat(other).isPresent();

        WorkerRun run = worker().perform(BatchSize.DEFAULT);

        assertThat(run).isEqualTo(new WorkerRun.LeaseBusy(true));
        assertThat(pendingCount()).isEqualTo(3);
        assertThat(workerQueue.enqueued()).isEqualTo(1);
        other.get().close();
    }

    @Test
    void the_lease_is_released_after_a_pass() {
        worker().perform(new BatchSize(1));

        assertThat(lease().tryObtain(PerformSyncWorkerService.LEASE_KEY, Duration.ofMinutes(1)))
                .isPresent();
    }

    @Test
    void with_the_flag_disabled_nothing_is_processed_or_enqueued() {
        flagStore().setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), false);

        WorkerRun run = worker().perform(BatchSize.DEFAULT);

        assertThat(run).isEqualTo(new WorkerRun.FlagDisabled());
        assertThat(pendingCount()).isEqualTo(3);
        assertThat(world().catalogResource(resource1))
                .map(r -> r.attributes().name())
                .contains("project 1");
        assertThat(workerQueue.enqueued()).isZero();
    }

    @Test
    void events_queued_while_the_flag_was_off_drain_once_it_is_on() {
        flagStore().setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), false);
        worker().perform(BatchSize.DEFAULT);
        world().updateProject(project2, attributes("Name 2b", "Test 2", VisibilityLevel.PRIVATE));
        flagStore().setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);

        WorkerRun run = worker().perform(BatchSize.DEFAULT);

        assertThat(run).isEqualTo(new WorkerRun.Processed(new BatchResult(4, 4, 4), false));
        assertThat(world().catalogResource(resource2))
                .map(CatalogResource::attributes)
                .contains(attributes("Name 2b", "Test 2", VisibilityLevel.PRIVATE));
    }
}
