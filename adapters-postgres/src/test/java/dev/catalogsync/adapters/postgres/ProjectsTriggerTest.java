package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.P_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.jooq.tables.records.PCatalogResourceSyncEventsRecord;
import dev.catalogsync.adapters.postgres.testing.PostgresCatalogWorld;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.contract.MirroredAttributes;
import dev.catalogsync.application.contract.VisibilityLevel;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GitLab's spec of {@code trigger_catalog_resource_sync_event_on_project_update}, on the real trigger. */
class ProjectsTriggerTest {

    private static final MirroredAttributes ORIGINAL =
            new MirroredAttributes("original", "about it", VisibilityLevel.PRIVATE);

    private static PostgresTestDatabase database;

    private final PostgresCatalogWorld world = database.world();
    private final DSLContext sql = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
    private long project;
    private long resource;

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void a_project_listed_in_the_catalog() {
        database.truncateAll();
        project = world.createProject(ORIGINAL);
        resource = world.createCatalogResource(project);
    }

    private List<PCatalogResourceSyncEventsRecord> events() {
        return sql.selectFrom(P_CATALOG_RESOURCE_SYNC_EVENTS)
                .orderBy(P_CATALOG_RESOURCE_SYNC_EVENTS.ID)
                .fetch();
    }

    private void updateProject(long id, String assignments) {
        sql.execute("UPDATE projects SET " + assignments + " WHERE id = ?", id);
    }

    @ParameterizedTest(name = "SET {0}")
    @ValueSource(strings = {"name = 'renamed'", "description = 'described anew'", "visibility_level = 20"})
    void changing_a_mirrored_column_queues_exactly_one_event_for_the_catalog_resource(String assignment) {
        updateProject(project, assignment);

        assertThat(events())
                .singleElement()
                .satisfies(event -> assertThat(event.getCatalogResourceId()).isEqualTo(resource));
    }

    @Test
    void changing_all_three_columns_in_one_update_queues_one_event() {
        updateProject(project, "name = 'renamed', description = NULL, visibility_level = 10");

        assertThat(events()).hasSize(1);
    }

    @Test
    void the_event_names_the_resource_and_the_project_and_is_pending_in_partition_1() {
        updateProject(project, "name = 'renamed'");

        PCatalogResourceSyncEventsRecord event = events().get(0);
        assertThat(event.getCatalogResourceId()).isEqualTo(resource);
        assertThat(event.getProjectId()).isEqualTo(project);
        assertThat(event.getPartitionId()).isEqualTo(1L);
        assertThat(event.getStatus()).isEqualTo((short) 1);
    }

    @Test
    void changing_only_another_column_queues_nothing() {
        updateProject(project, "updated_at = now() + interval '1 hour', created_at = now() - interval '1 day'");

        assertThat(events()).isEmpty();
    }

    @Test
    void setting_the_same_values_queues_nothing() {
        updateProject(project, "name = name, description = description, visibility_level = visibility_level");

        assertThat(events()).isEmpty();
    }

    @Test
    void a_null_description_set_to_null_again_queues_nothing_and_set_to_a_value_queues_one() {
        updateProject(project, "description = NULL");
        sql.deleteFrom(P_CATALOG_RESOURCE_SYNC_EVENTS).execute();

        updateProject(project, "description = NULL");
        assertThat(events()).isEmpty();

        updateProject(project, "description = 'now described'");
        assertThat(events()).hasSize(1);
    }

    @Test
    void updating_a_project_that_is_not_a_catalog_resource_queues_nothing() {
        long unlisted = world.createProject(ORIGINAL);

        updateProject(unlisted, "name = 'renamed', visibility_level = 20");

        assertThat(events()).isEmpty();
    }

    @Test
    void a_bulk_update_of_many_catalog_projects_queues_one_event_each() {
        database.truncateAll();
        int listed = 50;
        sql.execute("INSERT INTO projects (name) SELECT 'project ' || n FROM generate_series(1, ?) AS n", listed);
        sql.execute("INSERT INTO catalog_resources (project_id, name, description, visibility_level) "
                + "SELECT id, name, description, visibility_level FROM projects");
        world.createProject(ORIGINAL);

        int updated = sql.execute("UPDATE projects SET name = name || 'x'");

        assertThat(updated).isEqualTo(listed + 1);
        assertThat(events()).hasSize(listed);
        assertThat(events())
                .extracting(PCatalogResourceSyncEventsRecord::getCatalogResourceId)
                .doesNotHaveDuplicates();
    }

    @Test
    void an_event_inserted_naming_only_resource_and_project_takes_the_defaults() {
        OffsetDateTime before =
                sql.select(DSL.currentOffsetDateTime()).fetchSingle().value1();

        sql.execute(
                "INSERT INTO p_catalog_resource_sync_events (catalog_resource_id, project_id) VALUES (?, ?)",
                resource,
                project);

        PCatalogResourceSyncEventsRecord event = events().get(0);
        assertThat(event.getId()).isPositive();
        assertThat(event.getPartitionId()).isEqualTo(1L);
        assertThat(event.getStatus()).isEqualTo((short) 1);
        assertThat(event.getCreatedAt()).isAfterOrEqualTo(before).isEqualTo(event.getUpdatedAt());
    }

    @Test
    void deleting_a_project_leaves_its_queued_events_behind() {
        updateProject(project, "name = 'renamed'");

        sql.execute("DELETE FROM projects WHERE id = ?", project);

        assertThat(world.catalogResource(resource)).isEmpty();
        assertThat(events()).hasSize(1);
    }
}
