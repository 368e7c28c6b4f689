package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the statement-level trigger of V20 adds to GitLab's spec ({@link ProjectsTriggerTest}): the same events
 * whatever the size of the statement and whatever the session did before, a plan for the size at hand, and the
 * odd statements (upserts, MERGE, no row at all, a changed id).
 */
class StatementLevelTriggerTest {

    private static final String TRIGGER = "trigger_catalog_resource_sync_event_on_project_update";

    /** Up to this many rows the trigger runs its cached statement; above, a statement planned for the size. */
    private static final int CACHED_PLAN_ROWS = 100;

    private static PostgresTestDatabase database;

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void empty_tables() {
        database.truncateAll();
    }

    /** {@code count} catalog projects (ids 1..count) and as many ordinary ones after them. */
    private static void catalogAndOrdinaryProjects(int count) {
        database.execute("INSERT INTO projects (name, description, visibility_level) "
                + "SELECT 'project ' || g, 'about ' || g, 0 FROM generate_series(1, " + 2 * count + ") g");
        database.execute("INSERT INTO catalog_resources (project_id, name, description, visibility_level) "
                + "SELECT id, name, description, visibility_level FROM projects WHERE id <= " + count);
        database.execute("ANALYZE projects");
        database.execute("ANALYZE catalog_resources");
    }

    private static long events() {
        return database.count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1");
    }

    @Test
    void the_trigger_keeps_its_name_and_function_and_fires_once_per_statement_with_the_old_rows() {
        assertThat(database.text("SELECT t.tgname || ' ' || p.proname || ' ' || (t.tgtype & 1 = 0) || ' '"
                        + " || coalesce(t.tgoldtable, '-') || ' ' || coalesce(t.tgnewtable, '-') FROM pg_trigger t"
                        + " JOIN pg_proc p ON p.oid = t.tgfoid WHERE t.tgrelid = 'projects'::regclass"
                        + " AND NOT t.tgisinternal"))
                .as("name, function, statement level, the old rows as a transition table and not the new ones")
                .isEqualTo(TRIGGER + " insert_catalog_resource_sync_event true old_projects -");
    }

    @Test
    void a_bulk_update_queues_one_event_per_catalog_project_whose_mirrored_columns_changed() {
        int count = 3 * CACHED_PLAN_ROWS;
        catalogAndOrdinaryProjects(count);

        // Every project is updated; odd ids keep their values, even ids change one mirrored column each.
        database.execute("UPDATE projects SET updated_at = now(), "
                + "name = CASE WHEN id % 6 = 0 THEN name || ' renamed' ELSE name END, "
                + "description = CASE WHEN id % 6 = 2 THEN NULL ELSE description END, "
                + "visibility_level = CASE WHEN id % 6 = 4 THEN 20 ELSE visibility_level END");

        assertThat(database.text("SELECT string_agg(DISTINCT (project_id % 2)::text, ',') "
                        + "FROM p_catalog_resource_sync_events"))
                .as("only changed projects")
                .isEqualTo("0");
        assertThat(
                        database.count(
                                "SELECT count(*) FROM p_catalog_resource_sync_events e "
                                        + "JOIN catalog_resources cr ON cr.id = e.catalog_resource_id AND cr.project_id = e.project_id"))
                .as("each event names a catalog project and its resource")
                .isEqualTo(count / 2);
        assertThat(events()).isEqualTo(count / 2);
        assertThat(database.count("SELECT count(DISTINCT catalog_resource_id) FROM p_catalog_resource_sync_events"))
                .isEqualTo(count / 2);
    }

    @Test
    void one_session_updating_one_row_then_thousands_then_one_again_queues_an_event_for_each_change()
            throws SQLException {
        catalogAndOrdinaryProjects(1000);

        try (Connection session = database.dataSource().getConnection();
                Statement sql = session.createStatement()) {
            sql.executeUpdate("UPDATE projects SET name = name || ' a' WHERE id = 1");
            assertThat(events()).isEqualTo(1);

            sql.executeUpdate("UPDATE projects SET name = name || ' b'");
            assertThat(events())
                    .as("1000 catalog projects renamed, ordinary ones ignored")
                    .isEqualTo(1001);

            sql.executeUpdate("UPDATE projects SET name = name || ' c' WHERE id IN (2, 1500)");
            assertThat(events()).isEqualTo(1002);
        }
    }

    @Test
    void the_statement_is_planned_for_its_size_index_probes_for_one_row_and_the_real_row_count_for_thousands()
            throws SQLException {
        catalogAndOrdinaryProjects(2000);

        // One session, one row first: a plan cached for that row count must not serve the bulk update after it.
        List<List<String>> plans = nestedPlans(
                "UPDATE projects SET name = name || ' x' WHERE id = 7", "UPDATE projects SET name = name || ' x'");

        assertThat(plans.get(0))
                .as("the one-row statement probes the unique index on catalog_resources.project_id")
                .anySatisfy(plan -> assertThat(plan)
                        .contains("INSERT INTO p_catalog_resource_sync_events")
                        .contains("Index Scan using catalog_resources_project_id_key"));
        assertThat(plans.get(1))
                .as("the bulk statement is planned knowing the 4000 old rows, not with the one-row plan")
                .anySatisfy(plan -> assertThat(plan)
                        .contains("INSERT INTO p_catalog_resource_sync_events")
                        .containsPattern("Named Tuplestore Scan +\\(cost=[0-9.]+ rows=4000 width"));
        assertThat(events()).isEqualTo(1 + 2000);
    }

    /** For each update in turn, the plans auto_explain logs for it and the statements its trigger runs. */
    private static List<List<String>> nestedPlans(String... updates) throws SQLException {
        List<List<String>> plans = new ArrayList<>();
        // A session of its own: auto_explain stays loaded in a session, which must not go back to the pool.
        try (Connection session = DriverManager.getConnection(
                        database.jdbcUrl(),
                        database.settings().user(),
                        database.settings().password());
                Statement sql = session.createStatement()) {
            sql.execute("LOAD 'auto_explain'");
            sql.execute("SET auto_explain.log_min_duration = 0");
            sql.execute("SET auto_explain.log_nested_statements = on");
            sql.execute("SET client_min_messages = log");
            for (String update : updates) {
                sql.clearWarnings();
                sql.executeUpdate(update);
                List<String> logged = new ArrayList<>();
                for (SQLWarning warning = sql.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                    logged.add(warning.getMessage());
                }
                plans.add(logged);
            }
        }
        return plans;
    }

    @Test
    void an_upsert_that_updates_a_catalog_project_queues_one_event_and_one_that_changes_nothing_queues_none() {
        catalogAndOrdinaryProjects(2);

        database.execute("INSERT INTO projects (id, name, description, visibility_level) "
                + "VALUES (1, 'upserted', 'about 1', 0), (2, 'project 2', 'about 2', 0), (9, 'new', NULL, 0) "
                + "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name");

        assertThat(database.text("SELECT string_agg(project_id::text, ',') FROM p_catalog_resource_sync_events"))
                .isEqualTo("1");
    }

    @Test
    void a_merge_that_updates_catalog_projects_queues_an_event_for_each_changed_one() {
        catalogAndOrdinaryProjects(3);

        database.execute("MERGE INTO projects p USING (VALUES (1, 'merged'), (2, 'project 2'), (5, 'merged')) "
                + "AS v(id, name) ON p.id = v.id WHEN MATCHED THEN UPDATE SET name = v.name");

        assertThat(database.text("SELECT string_agg(project_id::text, ',') FROM p_catalog_resource_sync_events"))
                .isEqualTo("1");
    }

    @Test
    void an_update_that_matches_no_row_queues_nothing() {
        catalogAndOrdinaryProjects(3);

        database.execute("UPDATE projects SET name = 'nobody' WHERE id < 0");

        assertThat(events()).isZero();
    }

    @Test
    void existing_installs_are_migrated_to_the_statement_level_trigger_keeping_their_events() {
        try (PostgresTestDatabase older = PostgresTestDatabase.createEmpty()) {
            Flyway.configure()
                    .dataSource(older.dataSource())
                    .locations(SchemaMigrator.MIGRATIONS_LOCATION)
                    .table(SchemaMigrator.HISTORY_TABLE)
                    .target("10")
                    .load()
                    .migrate();
            older.execute("INSERT INTO projects (name) VALUES ('a'), ('b')");
            older.execute("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects");
            older.execute("UPDATE projects SET name = name || ' renamed'");
            assertThat(older.count("SELECT tgtype & 1 FROM pg_trigger WHERE tgname = '" + TRIGGER + "'"))
                    .as("GitLab's row trigger before")
                    .isEqualTo(1);

            new SchemaMigrator(older.dataSource()).migrate();
            older.execute("UPDATE projects SET name = name || ' again' WHERE name = 'a renamed'");

            assertThat(older.count("SELECT tgtype & 1 FROM pg_trigger WHERE tgname = '" + TRIGGER + "'"))
                    .as("the statement-level trigger after")
                    .isZero();
            assertThat(older.count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1"))
                    .as("two events queued before the migration, one after")
                    .isEqualTo(3);
        }
    }

    /**
     * GitLab's row trigger names {@code OLD.id}. Rows are paired by id here, so an update of {@code projects.id}
     * itself (possible only where no foreign key of catalog_resources forbids it, as on some hosts) leaves an old
     * row without its new one: its resources get an event, whether or not a mirrored column changed too.
     */
    @Test
    void changing_a_projects_id_queues_an_event_for_the_resource_of_its_old_id() {
        try (PostgresTestDatabase host = PostgresTestDatabase.createMigrated()) {
            host.execute("ALTER TABLE catalog_resources DROP CONSTRAINT catalog_resources_project_id_fkey");
            host.execute("INSERT INTO projects (id, name) VALUES (1, 'a'), (2, 'b')");
            host.execute("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects");

            host.execute("UPDATE projects SET id = 11, name = 'a renamed' WHERE id = 1");
            host.execute("UPDATE projects SET id = 12 WHERE id = 2");

            assertThat(host.text("SELECT string_agg(project_id::text, ',' ORDER BY id) "
                            + "FROM p_catalog_resource_sync_events"))
                    .isEqualTo("1,2");
        }
    }
}
