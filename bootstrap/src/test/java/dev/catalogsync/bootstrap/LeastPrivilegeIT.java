package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.DataSources;
import dev.catalogsync.adapters.postgres.PostgresConnectionSettings;
import dev.catalogsync.adapters.postgres.testing.DocumentedRoles;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import dev.catalogsync.bootstrap.CatalogSyncJar.Service;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jar under the roles of {@code docs/installing.md}, granted exactly as written there, on a host application's
 * database: {@code migrate} as the owner, {@code drain}, {@code run} and {@code partitions sync} as the worker, the
 * read-only commands as the reader, whose writes fail in one line.
 */
class LeastPrivilegeIT {

    private static final String FLAG = "ci_process_catalog_resource_sync_events";
    /** Room for a loaded build machine, and for the partition cron's next minute. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static PostgresTestDatabase database;
    private static DocumentedRoles roles;
    private static HikariDataSource hostWriter;

    private Service service;

    @BeforeAll
    static void install_as_the_documented_roles() throws IOException {
        database = PostgresTestDatabase.createEmpty();
        try (InputStream hostTables =
                LeastPrivilegeIT.class.getResourceAsStream("/db/host-app/V1__host_application_tables.sql")) {
            database.execute(new String(hostTables.readAllBytes(), StandardCharsets.UTF_8));
        }
        roles = DocumentedRoles.withUniqueNames();
        roles.run(1, database.dataSource());
        database.execute("CREATE ROLE " + roles.name("gitlab") + " LOGIN PASSWORD '" + DocumentedRoles.PASSWORD
                + "'; GRANT SELECT, UPDATE ON projects TO " + roles.name("gitlab"));
        roles.run(2, database.dataSource());

        Result migrate = CatalogSyncJar.run(as("catalog_sync_owner"), "migrate");
        assertThat(migrate.exitCode()).as(migrate.stderr()).isZero();
        try (HikariDataSource owner = pool("catalog_sync_owner")) {
            roles.run(3, owner);
        }
        hostWriter = pool("gitlab");
    }

    @AfterAll
    static void drop_the_roles_and_the_database() {
        hostWriter.close();
        roles.drop(database.dataSource());
        database.close();
    }

    @BeforeEach
    void one_catalog_project_an_empty_queue_and_the_flag_on() {
        database.execute("TRUNCATE catalog_resources, p_catalog_resource_sync_events, catalog_sync_feature_flags, "
                + "catalog_sync_exclusive_leases, catalog_sync_scheduled_tasks, catalog_sync_reschedule_requests");
        database.resetQueuePartitions();
        database.execute("INSERT INTO catalog_resources (project_id, name, description, visibility_level) "
                + "SELECT id, name, description, visibility_level FROM projects WHERE id = 1");
        assertThat(worker("feature", "set", FLAG, "true").exitCode()).isZero();
    }

    @AfterEach
    void stop_the_service() {
        if (service != null) {
            service.close();
        }
    }

    private static Map<String, String> as(String exampleRole) {
        return Map.of(
                "CATALOG_SYNC_DB_URL", database.jdbcUrl(),
                "CATALOG_SYNC_DB_USER", roles.name(exampleRole),
                "CATALOG_SYNC_DB_PASSWORD", DocumentedRoles.PASSWORD);
    }

    private static HikariDataSource pool(String exampleRole) {
        return DataSources.pooled(
                new PostgresConnectionSettings(database.jdbcUrl(), roles.name(exampleRole), DocumentedRoles.PASSWORD),
                exampleRole,
                1);
    }

    private static Result worker(String... args) {
        return CatalogSyncJar.run(as("catalog_sync_worker"), args);
    }

    private static Result reader(String... args) {
        return CatalogSyncJar.run(as("catalog_sync_reader"), args);
    }

    private static void renameAsTheHost(String name) {
        try (Connection connection = hostWriter.getConnection();
                PreparedStatement rename = connection.prepareStatement("UPDATE projects SET name = ? WHERE id = 1")) {
            rename.setString(1, name);
            rename.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event older than the partition duration (a day): the next partition round has a rotation to make. */
    private static void anEventTwoDaysOld() {
        renameAsTheHost("an old event");
        database.execute("UPDATE p_catalog_resource_sync_events SET created_at = now() - interval '2 days'");
    }

    private static String mirrored() {
        return database.text("SELECT name FROM catalog_resources");
    }

    @Test
    void drain_as_the_worker_syncs_what_the_host_changed() {
        renameAsTheHost("drained by the worker");

        Result drain = worker("drain");

        assertThat(drain.exitCode()).as(drain.stderr()).isZero();
        assertThat(drain.stdout()).contains("\"processed_events\":1", "\"stopped_by\":\"empty_queue\"");
        assertThat(mirrored()).isEqualTo("drained by the worker");
    }

    @Test
    void run_as_the_worker_keeps_syncing_and_reports_the_partition_steps_it_may_not_make() {
        anEventTwoDaysOld();
        service = CatalogSyncJar.startService(as("catalog_sync_worker"), "--partitions-cron", "* * * * *");

        await("the service to sync").atMost(PATIENCE).until(() -> "an old event".equals(mirrored()));
        await("a partition round").atMost(PATIENCE).until(() -> service.stderr().contains("queue partition round"));

        assertThat(service.stderr())
                .contains("not allowed: the database role '" + roles.name("catalog_sync_worker") + "' does not own "
                        + "p_catalog_resource_sync_events")
                .doesNotContain("\tat ");
        renameAsTheHost("still syncing after the round");
        await("the service to sync").atMost(PATIENCE).until(() -> "still syncing after the round".equals(mirrored()));
        assertThat(service.stop(PATIENCE).exitCode()).isZero();
    }

    @Test
    void partitions_sync_as_the_worker_skips_each_step_as_not_allowed_and_the_owner_makes_them() {
        anEventTwoDaysOld();

        Result asWorker = worker("partitions", "sync");

        assertThat(asWorker.exitCode()).as(asWorker.stderr()).isZero();
        assertThat(asWorker.stdout()).contains("\"created\":[]", "not allowed: the database role");
        Result asOwner = CatalogSyncJar.run(as("catalog_sync_owner"), "partitions", "sync");
        assertThat(asOwner.exitCode()).as(asOwner.stderr()).isZero();
        assertThat(asOwner.stdout()).contains("\"created\":[2]");
    }

    @Test
    void the_reader_runs_the_read_only_commands() {
        renameAsTheHost("pending");

        for (String[] command : new String[][] {
            {"status", "--json"}, {"partitions", "list"}, {"reconcile"}, {"feature", "get", FLAG}, {"feature", "list"}
        }) {
            Result result = reader(command);
            assertThat(result.exitCode())
                    .as(String.join(" ", command) + ": " + result.stderr())
                    .isZero();
        }
        assertThat(reader("status", "--json").stdout()).contains("\"pending_events\":1");
        Result reconcile = reader("reconcile");
        assertThat(reconcile.stdout().strip()).isEqualTo("{\"checked\":1,\"drifted\":1}");
        assertThat(reconcile.stderr())
                .contains("warning: this run is not recorded as the last drift check: permission denied for table "
                        + "catalog_sync_operations")
                .doesNotContain("\tat ");
    }

    @Test
    void a_write_as_the_reader_fails_in_one_line_that_names_the_table_the_role_and_the_guide() {
        String role = roles.name("catalog_sync_reader");

        assertOneLine(
                reader("feature", "set", FLAG, "false"),
                "catalog-sync: permission denied for table catalog_sync_feature_flags: the database role '" + role
                        + "' may not write it (see docs/installing.md)");
        assertOneLine(
                reader("reconcile", "--repair"),
                "catalog-sync: permission denied for table p_catalog_resource_sync_events: the database role '" + role
                        + "' may not write it (see docs/installing.md)");
        assertOneLine(
                reader("drain"),
                "catalog-sync: permission denied for table catalog_sync_exclusive_leases: the database role '" + role
                        + "' may not write it (see docs/installing.md)");
    }

    private static void assertOneLine(Result result, String line) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stderrLines()).containsExactly(line);
    }
}
