package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.SchemaMigrator.MigrationPlan;
import dev.catalogsync.adapters.postgres.SchemaMigrator.MigrationReport;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.adapters.postgres.testing.ShippedMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void a_fresh_database_gets_every_migration_and_a_second_run_applies_none() {
        try (PostgresTestDatabase database = PostgresTestDatabase.createEmpty()) {
            SchemaMigrator migrator = new SchemaMigrator(database.dataSource());

            MigrationReport first = migrator.migrate();
            MigrationReport second = migrator.migrate();

            assertThat(first).isEqualTo(ShippedMigrations.all());
            assertThat(second).isEqualTo(ShippedMigrations.none());
        }
    }

    @Test
    void a_shipped_migration_changed_after_it_was_applied_is_refused_with_flyways_reason() throws SQLException {
        try (PostgresTestDatabase database = PostgresTestDatabase.createMigrated()) {
            execute(database.dataSource(), "UPDATE catalog_sync_schema_history SET checksum = 42 WHERE version = '2'");

            assertThatThrownBy(() -> new SchemaMigrator(database.dataSource()).migrate())
                    .isInstanceOf(PostgresAdapterException.class)
                    .hasMessageContaining("Could not migrate the schema from classpath:db/migration")
                    .hasMessageContaining("checksum mismatch");
        }
    }

    @Test
    void a_projects_table_without_the_columns_we_use_is_refused_with_nothing_created() throws SQLException {
        try (PostgresTestDatabase database = PostgresTestDatabase.createEmpty()) {
            execute(database.dataSource(), "CREATE TABLE projects (id integer PRIMARY KEY, name text)");

            assertThatThrownBy(() -> new SchemaMigrator(database.dataSource()).migrate())
                    .isInstanceOf(PostgresAdapterException.class)
                    .hasMessageContaining("projects has no column description")
                    .hasMessageContaining("projects has no column visibility_level")
                    .hasMessageContaining("nothing was changed");
            assertThat(database.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                    .as("only the host's projects")
                    .isEqualTo(1);
        }
    }

    @Test
    void a_projects_column_of_a_type_we_cannot_copy_is_refused_naming_it() throws SQLException {
        try (PostgresTestDatabase database = PostgresTestDatabase.createEmpty()) {
            execute(
                    database.dataSource(),
                    "CREATE TABLE projects (id bigint PRIMARY KEY, name text, "
                            + "description text, visibility_level text)");

            assertThatThrownBy(() -> new SchemaMigrator(database.dataSource()).migrate())
                    .hasMessageContaining("projects.visibility_level is text, not bigint or integer or smallint");
        }
    }

    @Test
    void a_host_database_is_migrated_beside_the_hosts_tables_and_leaves_every_one_of_them_as_it_was() {
        try (PostgresTestDatabase database = PostgresTestDatabase.createEmpty()) {
            Flyway.configure()
                    .dataSource(database.dataSource())
                    .locations("classpath:db/host-app")
                    .load()
                    .migrate();
            String hostBefore = hostSnapshot(database);

            MigrationReport report = new SchemaMigrator(database.dataSource()).migrate();

            assertThat(report).isEqualTo(ShippedMigrations.all());
            assertThat(hostSnapshot(database))
                    .as("the host's tables, rows, indexes and history")
                    .isEqualTo(hostBefore);
            assertThat(database.count("SELECT count(*) FROM catalog_sync_schema_history WHERE success"))
                    .as("our history, with its baseline")
                    .isEqualTo(ShippedMigrations.all().appliedMigrations() + 1);

            database.execute("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects "
                    + "WHERE id <= 3");
            database.execute("UPDATE projects SET name = name || ' renamed', star_count = star_count + 1");
            assertThat(database.count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1"))
                    .as("the trigger on the host's projects queues one event per catalog resource")
                    .isEqualTo(3);
            assertThat(new SchemaMigrator(database.dataSource()).migrate()).isEqualTo(ShippedMigrations.none());
        }
    }

    @Test
    void an_install_of_0_1_is_upgraded_in_place_keeping_its_rows() {
        try (PostgresTestDatabase database = PostgresTestDatabase.createEmpty()) {
            Flyway.configure()
                    .dataSource(database.dataSource())
                    .locations("classpath:db/legacy-0.1")
                    .load()
                    .migrate();
            database.execute("INSERT INTO feature_flags (name, enabled) "
                    + "VALUES ('ci_process_catalog_resource_sync_events', true)");
            database.execute("INSERT INTO scheduler_reschedule_requests (task_name) VALUES ('a-task')");
            SchemaMigrator migrator = new SchemaMigrator(database.dataSource());

            assertThat(migrator.plan().upgrade())
                    .hasValueSatisfying(upgrade -> assertThat(upgrade).contains("rename flyway_schema_history"));
            MigrationReport report = migrator.migrate();

            assertThat(report.schemaVersion()).isEqualTo(ShippedMigrations.all().schemaVersion());
            assertThat(database.count("SELECT count(*) FROM catalog_sync_feature_flags WHERE enabled"))
                    .isEqualTo(1);
            assertThat(database.count("SELECT count(*) FROM catalog_sync_reschedule_requests"))
                    .isEqualTo(1);
            assertThat(database.count("SELECT count(*) FROM pg_tables WHERE tablename IN ('feature_flags', "
                            + "'exclusive_leases', 'scheduled_tasks', 'scheduler_reschedule_requests', "
                            + "'flyway_schema_history')"))
                    .as("no table left under its old name")
                    .isZero();
            assertThat(migrator.migrate()).isEqualTo(ShippedMigrations.none());
            assertThat(migrator.plan().upgrade()).isEmpty();
        }
    }

    @Test
    void the_plan_lists_what_would_be_applied_and_changes_nothing() {
        try (PostgresTestDatabase database = PostgresTestDatabase.createEmpty()) {
            database.execute("CREATE TABLE projects (id bigint PRIMARY KEY, name text, description text, "
                    + "visibility_level integer)");
            SchemaMigrator migrator = new SchemaMigrator(database.dataSource());

            MigrationPlan plan = migrator.plan();

            assertThat(plan.upgrade()).isEmpty();
            assertThat(plan.pending())
                    .hasSize(ShippedMigrations.all().appliedMigrations())
                    .first()
                    .asString()
                    .startsWith("V1 ");
            assertThat(plan.hostTablesKept()).containsExactly("projects");
            assertThat(database.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                    .as("planning created nothing")
                    .isEqualTo(1);

            migrator.migrate();
            assertThat(migrator.plan().pending()).isEmpty();
        }
    }

    /** The host's own tables as text: columns, rows, indexes and its Flyway history. */
    private static String hostSnapshot(PostgresTestDatabase database) {
        return String.join(
                "\n",
                database.text(
                        "SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' "
                                + "ORDER BY table_name, ordinal_position) FROM information_schema.columns "
                                + "WHERE table_name IN ('projects', 'feature_flags', 'scheduled_tasks', 'flyway_schema_history')"),
                database.text("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes "
                        + "WHERE tablename IN ('projects', 'feature_flags', 'scheduled_tasks')"),
                database.text("SELECT string_agg(p::text, ',' ORDER BY id) FROM projects p"),
                database.text("SELECT string_agg(f::text, ',' ORDER BY key) FROM feature_flags f"),
                database.text("SELECT string_agg(t.task_name, ',') FROM scheduled_tasks t"),
                database.text("SELECT string_agg(h.script || h.checksum, ',') FROM flyway_schema_history h"));
    }

    @Test
    void a_pool_of_one_connection_is_refused_up_front_because_flyway_holds_two() {
        try (PostgresTestDatabase database = PostgresTestDatabase.createEmpty();
                HikariDataSource single = DataSources.pooled(database.settings(), "single", 1)) {

            assertThatThrownBy(() -> new SchemaMigrator(single))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("single")
                    .hasMessageContaining("2");
        }
    }
}
