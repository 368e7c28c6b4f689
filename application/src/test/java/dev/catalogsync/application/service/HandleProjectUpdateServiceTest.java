package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;
import static dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdateOutcome.ENQUEUED;
import static dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdateOutcome.FEATURE_FLAG_DISABLED;
import static dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdateOutcome.NOT_A_CATALOG_RESOURCE;
import static dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdateOutcome.NO_MIRRORED_ATTRIBUTE_CHANGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.application.contract.MirroredAttributes;
import dev.catalogsync.application.contract.VisibilityLevel;
import dev.catalogsync.application.fakes.InMemoryCatalog;
import dev.catalogsync.application.fakes.InMemoryFeatureFlagStore;
import dev.catalogsync.application.fakes.RecordingWorkerQueue;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdateOutcome;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdated;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** GitLab's after-update callback: enqueue only for a catalog resource, a mirrored column and the flag on. */
class HandleProjectUpdateServiceTest {

    private static final MirroredAttributes ATTRIBUTES = new MirroredAttributes("p", null, VisibilityLevel.PUBLIC);

    private final InMemoryCatalog catalog = new InMemoryCatalog(new SettableClock());
    private final InMemoryFeatureFlagStore flagStore = new InMemoryFeatureFlagStore();
    private final RecordingWorkerQueue workerQueue = new RecordingWorkerQueue();
    private final HandleProjectUpdateService callback = new HandleProjectUpdateService(
            catalog, new FeatureFlagStates(flagStore), workerQueue, EnqueueStatistics.NOOP);

    /** Every combination of the three conditions, and what the callback must answer. */
    static Stream<Arguments> the_decision_table() {
        return Stream.of(
                Arguments.of(true, true, true, ENQUEUED),
                Arguments.of(true, true, false, FEATURE_FLAG_DISABLED),
                Arguments.of(true, false, true, NO_MIRRORED_ATTRIBUTE_CHANGED),
                Arguments.of(true, false, false, NO_MIRRORED_ATTRIBUTE_CHANGED),
                Arguments.of(false, true, true, NOT_A_CATALOG_RESOURCE),
                Arguments.of(false, true, false, FEATURE_FLAG_DISABLED),
                Arguments.of(false, false, true, NO_MIRRORED_ATTRIBUTE_CHANGED),
                Arguments.of(false, false, false, NO_MIRRORED_ATTRIBUTE_CHANGED));
    }

    @ParameterizedTest(name = "catalog resource {0}, mirrored attribute changed {1}, flag on {2}: {3}")
    @MethodSource("the_decision_table")
    void enqueues_only_for_a_catalog_resource_whose_mirrored_attribute_changed_with_the_flag_on(
            boolean catalogResource, boolean mirroredChanged, boolean flagOn, ProjectUpdateOutcome expected) {
        long project = catalog.createProject(ATTRIBUTES);
        if (catalogResource) {
            catalog.createCatalogResource(project);
        }
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), flagOn);
        Set<String> changed = mirroredChanged ? Set.of("updated_at", "description") : Set.of("updated_at", "path");

        ProjectUpdateOutcome outcome = callback.handle(new ProjectUpdated(project, changed));

        assertThat(outcome).isEqualTo(expected);
        assertThat(workerQueue.enqueued()).isEqualTo(expected.enqueued() ? 1 : 0);
    }

    @Test
    void each_mirrored_attribute_alone_is_enough() {
        long project = catalog.createProject(ATTRIBUTES);
        catalog.createCatalogResource(project);
        flagStore.setOverride(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), true);

        for (String column : Set.of("name", "description", "visibility_level")) {
            assertThat(callback.handle(new ProjectUpdated(project, Set.of(column))))
                    .as(column)
                    .isEqualTo(ENQUEUED);
        }
        assertThat(workerQueue.enqueued()).isEqualTo(3);
    }

    @Test
    void an_update_that_names_no_column_has_nothing_to_do() {
        assertThat(callback.handle(new ProjectUpdated(1, Set.of()))).isEqualTo(NO_MIRRORED_ATTRIBUTE_CHANGED);
    }

    @Test
    void the_flag_ships_disabled_so_nothing_is_enqueued_before_the_rollout() {
        long project = catalog.createProject(ATTRIBUTES);
        catalog.createCatalogResource(project);

        assertThat(callback.handle(new ProjectUpdated(project, Set.of("name")))).isEqualTo(FEATURE_FLAG_DISABLED);
    }

    @Test
    void a_project_id_below_one_is_refused() {
        assertThatThrownBy(() -> new ProjectUpdated(0, Set.of("name"))).isInstanceOf(IllegalArgumentException.class);
    }
}
