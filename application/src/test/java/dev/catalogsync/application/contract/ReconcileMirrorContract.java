package dev.catalogsync.application.contract;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.ReconcileMirror.ReconcileReport;
import dev.catalogsync.application.port.in.ReconcileMirror.ReconcileRequest;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.FeatureFlagStore;
import dev.catalogsync.application.port.out.MirrorDrift;
import dev.catalogsync.application.port.out.SyncBatches;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.application.port.out.WorkerQueue;
import dev.catalogsync.application.service.DrainSyncEventsService;
import dev.catalogsync.application.service.PerformSyncWorkerService;
import dev.catalogsync.application.service.ReconcileMirrorService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drift repair end to end over a set of ports: drift made three ways is found, queued, and fixed by the normal
 * worker, after which the mirror reports none. Subclasses provide a fresh, empty world for each test.
 */
public abstract class ReconcileMirrorContract {

    protected abstract CatalogWorld world();

    protected abstract MirrorDrift drift();

    protected abstract SyncEventQueue queue();

    protected abstract SyncBatches batches();

    protected abstract ExclusiveLease lease();

    protected abstract FeatureFlagStore flagStore();

    private static final BatchSize PAGE = new BatchSize(3);
    private final List<Long> projects = new ArrayList<>();
    private final List<Long> resources = new ArrayList<>();

    private static MirroredAttributes attributes(String name) {
        return new MirroredAttributes(name, "about " + name, VisibilityLevel.INTERNAL);
    }

    private ReconcileReport check() {
        return new ReconcileMirrorService(drift()).reconcile(ReconcileRequest.check(PAGE));
    }

    private ReconcileReport repair() {
        return new ReconcileMirrorService(drift()).reconcile(ReconcileRequest.repair(PAGE));
    }

    private void drainWithTheFlagOn() {
        flagStore().setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);
        PerformSyncWorkerService worker = new PerformSyncWorkerService(
                queue(),
                batches(),
                lease(),
                WorkerQueue.NONE,
                new FeatureFlagStates(flagStore()),
                SyncStatistics.NOOP,
                EnqueueStatistics.NOOP,
                Clock.systemUTC());
        new DrainSyncEventsService(worker, duration -> {}).drain(BatchSize.DEFAULT, (run, processed) -> {});
    }

    /** Seven catalog resources equal to their projects: more than two pages of three. */
    @BeforeEach
    void seven_consistent_catalog_resources() {
        for (int i = 0; i < 7; i++) {
            long project = world().createProject(attributes("project " + i));
            projects.add(project);
            resources.add(world().createCatalogResource(project));
        }
    }

    @Test
    void a_consistent_mirror_reports_zero_drift() {
        assertThat(check()).isEqualTo(new ReconcileReport(7, 0, 0));
        assertThat(repair()).isEqualTo(new ReconcileReport(7, 0, 0));
        assertThat(queue().hasPending()).isFalse();
    }

    @Test
    void drift_made_by_hand_is_found_and_repaired() {
        world().writeCatalogResourceByHand(resources.get(0), attributes("by hand"));
        world().writeCatalogResourceByHand(resources.get(6), attributes("by hand"));

        assertThat(check()).isEqualTo(new ReconcileReport(7, 2, 0));
        assertThat(queue().hasPending()).isFalse();
        assertThat(repair()).isEqualTo(new ReconcileReport(7, 2, 2));

        drainWithTheFlagOn();
        assertThat(check()).isEqualTo(new ReconcileReport(7, 0, 0));
        assertThat(world().catalogResource(resources.get(6)))
                .map(CatalogResource::attributes)
                .contains(attributes("project 6"));
    }

    @Test
    void drift_made_by_project_updates_with_the_trigger_disabled_is_found_and_repaired() {
        world().updateProjectWithTheTriggerDisabled(projects.get(2), attributes("renamed quietly"));
        world().updateProjectWithTheTriggerDisabled(projects.get(3), attributes("renamed quietly too"));
        assertThat(queue().hasPending()).isFalse();

        assertThat(repair()).isEqualTo(new ReconcileReport(7, 2, 2));

        drainWithTheFlagOn();
        assertThat(check()).isEqualTo(new ReconcileReport(7, 0, 0));
        assertThat(world().catalogResource(resources.get(2)))
                .map(CatalogResource::attributes)
                .contains(attributes("renamed quietly"));
    }

    @Test
    void drift_left_while_the_flag_was_off_is_found_and_repaired_once_it_is_on() {
        flagStore().setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), false);
        world().updateProject(projects.get(4), attributes("renamed while off"));
        world().updateProject(projects.get(5), attributes("renamed while off too"));

        assertThat(repair()).isEqualTo(new ReconcileReport(7, 2, 2));

        drainWithTheFlagOn();
        assertThat(check()).isEqualTo(new ReconcileReport(7, 0, 0));
        assertThat(world().catalogResource(resources.get(5)))
                .map(CatalogResource::attributes)
                .contains(attributes("renamed while off too"));
    }

    @Test
    void a_page_size_dividing_the_resources_exactly_still_ends() {
        ReconcileReport report =
                new ReconcileMirrorService(drift()).reconcile(ReconcileRequest.check(new BatchSize(7)));

        assertThat(report).isEqualTo(new ReconcileReport(7, 0, 0));
    }

    @Test
    void the_listener_is_told_the_figures_so_far_after_each_page_the_last_being_the_report() {
        world().writeCatalogResourceByHand(resources.get(1), attributes("by hand"));
        world().writeCatalogResourceByHand(resources.get(4), attributes("by hand"));
        List<ReconcileReport> told = new ArrayList<>();

        ReconcileReport report =
                new ReconcileMirrorService(drift()).reconcile(ReconcileRequest.repair(PAGE), told::add);

        assertThat(told)
                .as("pages of three over seven resources, a drifted one in each of the first two")
                .containsExactly(
                        new ReconcileReport(3, 1, 1), new ReconcileReport(6, 2, 2), new ReconcileReport(7, 2, 2));
        assertThat(report).isEqualTo(told.get(told.size() - 1));
    }
}
