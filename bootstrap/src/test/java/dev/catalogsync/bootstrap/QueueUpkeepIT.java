package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The jar's queue upkeep commands end to end: partitions sync and list, and reconcile, on a real PostgreSQL. */
class QueueUpkeepIT {

    private static final String FLAG = "ci_process_catalog_resource_sync_events";
    private static PostgresTestDatabase database;
    private static Map<String, String> env;

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.createMigrated();
        env = CatalogSyncJar.environmentFor(database);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void startAsMigrated() {
        database.truncateAll();
        database.resetQueuePartitions();
    }

    private static Result catalogSync(String... args) {
        Result result = CatalogSyncJar.run(env, args);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }

    private static String json(String... args) {
        return catalogSync(args).stdout().strip();
    }

    private static long count(String query) {
        return database.count(query);
    }

    /** Three catalog projects (ids 1 to 3, resources 11 to 13), each mirrored exactly. */
    private static void threeCatalogProjects() {
        database.execute("INSERT INTO projects (id, name, description, visibility_level) VALUES "
                + "(1, 'one', NULL, 20), (2, 'two', 'second', 10), (3, 'three', NULL, 0)");
        database.execute("INSERT INTO catalog_resources (id, project_id, name, description, visibility_level) "
                + "SELECT id + 10, id, name, description, visibility_level FROM projects");
    }

    @Test
    void help_names_the_upkeep_commands() {
        assertThat(catalogSync("--help").stdout()).contains("partitions", "reconcile");
        assertThat(catalogSync("partitions", "sync", "--help").stdout())
                .contains("--partition-duration", "--retention", "PT24H");
    }

    @Test
    void partitions_sync_follows_gitlabs_sliding_list_example() {
        threeCatalogProjects();
        database.execute("UPDATE projects SET name = 'one, renamed' WHERE id = 1");
        assertThat(json("partitions", "sync", "--retention", "0"))
                .isEqualTo(
                        "{\"created\":[],\"activated\":[],\"detached\":[],\"dropped\":[],\"skipped\":[],\"active_partition\":1}");

        database.execute("UPDATE p_catalog_resource_sync_events SET created_at = now() - interval '25 hours'");
        assertThat(json("partitions", "sync", "--retention", "0"))
                .isEqualTo(
                        "{\"created\":[2],\"activated\":[],\"detached\":[],\"dropped\":[],\"skipped\":[],\"active_partition\":2}");

        database.execute("UPDATE projects SET name = 'two, renamed' WHERE id = 2");
        assertThat(count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE partition_id = 2"))
                .isEqualTo(1);
        assertThat(json("partitions", "list", "--json"))
                .startsWith(
                        "{\"active_partition\":2,\"partitions\":["
                                + "{\"value\":1,\"active\":false,\"pending_events\":1,\"processed_events\":0,\"oldest_event_created_at\":\"");

        database.execute("UPDATE p_catalog_resource_sync_events SET status = 2 WHERE partition_id = 1");
        assertThat(json("partitions", "sync", "--retention", "0"))
                .isEqualTo(
                        "{\"created\":[],\"activated\":[],\"detached\":[1],\"dropped\":[1],\"skipped\":[],\"active_partition\":2}");
        assertThat(count("SELECT count(*) FROM p_catalog_resource_sync_events")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname = 'catalog_resource_sync_events_1'"))
                .isZero();
        assertThat(json("status", "--json")).contains("\"partitions\":[2]");
    }

    @Test
    void partitions_list_shows_counts_and_detached_partitions_kept_for_their_retention() {
        threeCatalogProjects();
        database.execute("UPDATE projects SET name = name || '!'");
        database.execute(
                "UPDATE p_catalog_resource_sync_events SET created_at = now() - interval '2 days', status = 2");
        catalogSync("partitions", "sync", "--partition-duration", "PT24H");
        database.execute("UPDATE projects SET name = name || '?' WHERE id = 3");

        assertThat(json("partitions", "sync"))
                .isEqualTo(
                        "{\"created\":[],\"activated\":[],\"detached\":[1],\"dropped\":[],\"skipped\":[],\"active_partition\":2}");

        String table = catalogSync("partitions", "list").stdout();
        assertThat(table.lines().toList()).hasSize(3);
        assertThat(table.lines().toList().get(0))
                .contains("partition", "state", "pending", "processed", "oldest event");
        assertThat(table.lines().toList().get(1)).matches("\\s+2\\s+active\\s+1\\s+0\\s+\\d{4}-.*Z");
        assertThat(table.lines().toList().get(2)).matches("\\s+1\\s+detached\\s+-\\s+-\\s+- \\(detached \\d{4}-.*Z\\)");
        assertThat(count("SELECT count(*) FROM catalog_resource_sync_events_1")).isEqualTo(3);
    }

    @Test
    void reconcile_finds_drift_and_repair_queues_events_the_worker_fixes() {
        threeCatalogProjects();
        assertThat(json("reconcile")).isEqualTo("{\"checked\":3,\"drifted\":0}");

        database.execute("UPDATE catalog_resources SET name = 'by hand' WHERE id = 11");
        database.execute("ALTER TABLE projects DISABLE TRIGGER trigger_catalog_resource_sync_event_on_project_update");
        database.execute("UPDATE projects SET visibility_level = 0 WHERE id = 2");
        database.execute("ALTER TABLE projects ENABLE TRIGGER trigger_catalog_resource_sync_event_on_project_update");

        assertThat(json("reconcile", "--batch-size", "2")).isEqualTo("{\"checked\":3,\"drifted\":2}");
        assertThat(count("SELECT count(*) FROM p_catalog_resource_sync_events")).isZero();
        assertThat(json("reconcile", "--repair", "--batch-size", "2"))
                .isEqualTo("{\"checked\":3,\"drifted\":2,\"queued\":2}");
        assertThat(count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1"))
                .isEqualTo(2);

        catalogSync("feature", "set", FLAG, "true");
        catalogSync("drain");
        assertThat(json("reconcile")).isEqualTo("{\"checked\":3,\"drifted\":0}");
    }

    @Test
    void bad_input_fails_in_one_line_with_exit_code_2() {
        assertBadInput(CatalogSyncJar.run(env, "partitions"), "Missing subcommand: sync or list");
        assertBadInput(CatalogSyncJar.run(env, "partitions", "sync", "--retention", "a week"), "is not a duration");
        assertBadInput(
                CatalogSyncJar.run(env, "partitions", "sync", "--partition-duration", "0"),
                "--partition-duration: the partition duration must be positive");
        assertBadInput(
                CatalogSyncJar.run(env, "partitions", "sync", "--retention", "PT-1H"),
                "--retention: the retention cannot be negative");
        assertBadInput(
                CatalogSyncJar.run(env, "reconcile", "--batch-size", "0"),
                "'--batch-size': batch size must be between 1 and 100000, was 0");
    }

    private static void assertBadInput(Result result, String mentions) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderrLines()).as(result.stderr()).hasSize(1);
        assertThat(result.stderr()).contains(mentions).doesNotContain("\tat ");
    }
}
