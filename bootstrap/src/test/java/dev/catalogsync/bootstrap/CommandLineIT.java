package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The jar's commands end to end on a real PostgreSQL, with GitLab's spec cases. */
class CommandLineIT {

    private static final String FLAG = "ci_process_catalog_resource_sync_events";
    private static PostgresTestDatabase database;
    private static Map<String, String> env;

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.createMigrated();
        env = CatalogSyncJar.environmentFor(database);
    }

    @BeforeEach
    void emptyTables() {
        database.truncateAll();
    }

    private static Result catalogSync(String... args) {
        return CatalogSyncJar.run(env, args);
    }

    private static void sql(String statement) {
        database.execute(statement);
    }

    private static long count(String query) {
        return database.count(query);
    }

    /** Two catalog projects; project 1 renamed and made internal (2 events), project 2 renamed (1 event). */
    private static void queueThreeEvents() {
        sql("INSERT INTO projects (id, name, description, visibility_level) VALUES "
                + "(1, 'project 1', NULL, 20), (2, 'project 2', NULL, 20), (3, 'not in the catalog', NULL, 20)");
        sql("INSERT INTO catalog_resources (id, project_id, name, visibility_level) VALUES "
                + "(11, 1, 'project 1', 20), (12, 2, 'project 2', 20)");
        sql("UPDATE projects SET name = 'Name 1', description = 'Test 1' WHERE id = 1");
        sql("UPDATE projects SET visibility_level = 10 WHERE id = 1");
        sql("UPDATE projects SET name = 'Name 2', description = 'Test 2' WHERE id = 2");
        sql("UPDATE projects SET name = 'renamed, but not listed' WHERE id = 3");
        sql("UPDATE projects SET updated_at = now() WHERE id IN (1, 2)");
    }

    private static long pending() {
        return count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1");
    }

    @Test
    void migrate_dry_run_on_an_up_to_date_database_plans_nothing() {
        Result plan = catalogSync("migrate", "--dry-run");

        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.stdout().trim())
                .isEqualTo("{\"dry_run\":true,\"pending_migrations\":[],\"host_tables_kept\":[]}");
    }

    @Test
    void help_names_every_command() {
        Result help = catalogSync("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout())
                .contains(
                        "migrate",
                        "feature",
                        "process",
                        "drain",
                        "status",
                        "--db-url",
                        "CATALOG_SYNC_DB_URL",
                        "--data-dir");
    }

    @Test
    void process_with_the_flag_off_processes_nothing_and_says_so() {
        queueThreeEvents();

        Result process = catalogSync("process");

        assertThat(process.exitCode()).isZero();
        assertThat(process.stdout().strip())
                .isEqualTo("{\"skipped\":\"feature flag " + FLAG + " is disabled\",\"reenqueued\":false}");
        assertThat(pending()).isEqualTo(3);
    }

    @Test
    void process_reports_gitlabs_figures_for_batches_of_one_two_and_all() {
        queueThreeEvents();
        assertThat(catalogSync("feature", "set", FLAG, "true").exitCode()).isZero();

        assertThat(catalogSync("process", "--batch-size", "1").stdout().strip())
                .isEqualTo(
                        "{\"estimated_total_events\":3,\"consumable_events\":1,\"processed_events\":1,\"reenqueued\":true}");
        assertThat(catalogSync("process", "--batch-size", "2").stdout().strip())
                .isEqualTo(
                        "{\"estimated_total_events\":2,\"consumable_events\":2,\"processed_events\":2,\"reenqueued\":false}");
        assertThat(catalogSync("process").stdout().strip())
                .isEqualTo("{\"estimated_total_events\":0,\"consumable_events\":0,\"reenqueued\":false}");
        assertThat(count("SELECT count(*) FROM catalog_resources WHERE id = 11 AND name = 'Name 1' "
                        + "AND description = 'Test 1' AND visibility_level = 10"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM catalog_resources WHERE id = 12 AND name = 'Name 2' "
                        + "AND description = 'Test 2' AND visibility_level = 20"))
                .isEqualTo(1);
    }

    @Test
    void process_in_one_batch_takes_all_three_events() {
        queueThreeEvents();
        catalogSync("feature", "set", FLAG, "true");

        assertThat(catalogSync("process").stdout().strip())
                .isEqualTo(
                        "{\"estimated_total_events\":3,\"consumable_events\":3,\"processed_events\":3,\"reenqueued\":false}");
        assertThat(pending()).isZero();
    }

    @Test
    void orphaned_events_are_processed() {
        queueThreeEvents();
        sql("DELETE FROM catalog_resources WHERE id = 12");
        catalogSync("feature", "set", FLAG, "true");

        assertThat(catalogSync("process").stdout().strip())
                .isEqualTo(
                        "{\"estimated_total_events\":3,\"consumable_events\":3,\"processed_events\":3,\"reenqueued\":false}");
        assertThat(pending()).isZero();
    }

    @Test
    void drain_syncs_the_whole_backlog() {
        sql("INSERT INTO projects (id, name) SELECT g, 'p' || g FROM generate_series(1, 2500) g");
        sql("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects");
        sql("UPDATE projects SET name = name || ' renamed'");
        catalogSync("feature", "set", FLAG, "true");

        Result drain = catalogSync("drain", "--batch-size", "1000");

        assertThat(drain.exitCode()).isZero();
        assertThat(drain.stdout().strip())
                .isEqualTo("{\"runs\":3,\"processed_events\":2500,\"stopped_by\":\"empty_queue\"}");
        assertThat(count("SELECT count(*) FROM catalog_resources c JOIN projects p ON p.id = c.project_id "
                        + "WHERE c.name = p.name"))
                .isEqualTo(2500);
    }

    @Test
    void two_drains_at_once_both_finish_and_lose_nothing() {
        sql("INSERT INTO projects (id, name) SELECT g, 'p' || g FROM generate_series(1, 4000) g");
        sql("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects");
        sql("UPDATE projects SET name = name || ' renamed'");
        catalogSync("feature", "set", FLAG, "true");

        CatalogSyncJar.Running first = CatalogSyncJar.start(env, "drain", "--batch-size", "100");
        CatalogSyncJar.Running second = CatalogSyncJar.start(env, "drain", "--batch-size", "100");
        Result one = first.finish();
        Result two = second.finish();

        assertThat(one.exitCode()).isZero();
        assertThat(two.exitCode()).isZero();
        assertThat(pending()).isZero();
        assertThat(count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 2"))
                .isEqualTo(4000);
        assertThat(count("SELECT count(*) FROM catalog_resources c JOIN projects p ON p.id = c.project_id "
                        + "WHERE c.name = p.name"))
                .isEqualTo(4000);
    }

    @Test
    void drain_stops_at_once_when_the_flag_is_off() {
        queueThreeEvents();

        assertThat(catalogSync("drain").stdout().strip())
                .isEqualTo("{\"runs\":1,\"processed_events\":0,\"stopped_by\":\"feature_flag\"}");
        assertThat(pending()).isEqualTo(3);
    }

    @Test
    void status_reports_the_queue_and_the_flag() {
        queueThreeEvents();

        Result status = catalogSync("status", "--json");

        assertThat(status.exitCode()).isZero();
        assertThat(status.stdout())
                .contains(
                        "\"pending_events\":3",
                        "\"estimated_total_events\":3",
                        "\"partitions\":[1]",
                        "\"" + FLAG + "\":false",
                        "\"oldest_pending_age_seconds\":");
        assertThat(catalogSync("status").stdout()).contains("pending events:", FLAG + ": disabled");
    }

    @Test
    void feature_commands_roll_out_roll_back_and_clean_up() {
        assertThat(catalogSync("feature", "get", FLAG).stdout()).startsWith(FLAG + "\tdisabled\tdefault");
        assertThat(catalogSync("feature", "set", FLAG, "true").stdout()).startsWith(FLAG + "\tenabled\tset");
        assertThat(catalogSync("feature", "list").stdout()).startsWith(FLAG + "\tenabled\tset");
        assertThat(catalogSync("feature", "set", FLAG, "false").stdout()).startsWith(FLAG + "\tdisabled\tset");
        assertThat(catalogSync("feature", "delete", FLAG).stdout()).startsWith(FLAG + "\tdisabled\tdefault");
        assertThat(count("SELECT count(*) FROM catalog_sync_feature_flags")).isZero();
    }

    @Test
    void an_unknown_flag_name_is_refused_in_one_line() {
        Result set = catalogSync("feature", "set", "ci_process_catalog_resource_sync_event", "true");

        assertThat(set.exitCode()).isEqualTo(2);
        assertThat(set.stderrLines())
                .hasSize(1)
                .first()
                .asString()
                .contains("Unknown feature flag 'ci_process_catalog_resource_sync_event'");
        assertThat(count("SELECT count(*) FROM catalog_sync_feature_flags")).isZero();
    }

    @Test
    void bad_input_fails_in_one_line_without_a_stack_trace() {
        assertOneLineFailure(catalogSync("frobnicate"), 2, "frobnicate");
        assertOneLineFailure(
                catalogSync("process", "--batch-size", "0"),
                2,
                "'--batch-size': batch size must be between 1 and 100000, was 0");
        assertOneLineFailure(catalogSync("process", "--no-such-option"), 2, "--no-such-option");
        assertOneLineFailure(catalogSync("feature", "set", FLAG, "maybe"), 2, "true or false");
        assertOneLineFailure(catalogSync("demo", "seed"), 2, "only runs on the embedded database");
    }

    @Test
    void a_blank_or_foreign_database_url_is_bad_input_never_the_embedded_database() {
        assertOneLineFailure(CatalogSyncJar.run(Map.of("CATALOG_SYNC_DB_URL", ""), "status"), 2, "is empty");
        assertOneLineFailure(CatalogSyncJar.run(Map.of("CATALOG_SYNC_DB_URL", " "), "run"), 2, "is empty");
        assertOneLineFailure(CatalogSyncJar.run(Map.of(), "status", "--db-url", ""), 2, "is empty");
        assertOneLineFailure(
                CatalogSyncJar.run(Map.of(), "feature", "list", "--db-url", "postgres://db/gitlab"),
                2,
                "Not a PostgreSQL JDBC URL");
    }

    @Test
    void an_unreachable_database_fails_quickly_in_one_line() {
        Result unreachable = CatalogSyncJar.run(
                Map.of("CATALOG_SYNC_DB_URL", "jdbc:postgresql://127.0.0.1:1/nothing_here"), "status");

        assertOneLineFailure(unreachable, 1, "cannot connect to");
        assertThat(unreachable.took()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void verbose_shows_the_stack_trace() {
        Result unreachable = CatalogSyncJar.run(
                Map.of("CATALOG_SYNC_DB_URL", "jdbc:postgresql://127.0.0.1:1/nothing_here"), "status", "--verbose");

        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.stderr()).contains("\tat ");
    }

    private static void assertOneLineFailure(Result result, int exitCode, String mentions) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(exitCode);
        assertThat(result.stderrLines()).as(result.stderr()).hasSize(1);
        assertThat(result.stderr()).contains(mentions).doesNotContain("\tat ", "Exception in thread");
    }
}
