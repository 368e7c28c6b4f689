package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import dev.catalogsync.bootstrap.CatalogSyncJar.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as an operator uses it: JSON logs from {@code run}, the flag's audit, and the demo. */
class OperatorCommandsIT {

    private static final String FLAG = "ci_process_catalog_resource_sync_events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PostgresTestDatabase database;
    private static Map<String, String> env;

    @TempDir
    Path demoData;

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
    void emptyTables() {
        database.truncateAll();
    }

    @Test
    void run_logs_one_json_object_per_line_and_the_done_line_carries_the_three_figures() throws Exception {
        database.execute("INSERT INTO projects (id, name) SELECT g, 'p' || g FROM generate_series(1, 30) g");
        database.execute("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects");
        database.execute("UPDATE projects SET name = name || ' renamed'");
        assertThat(CatalogSyncJar.run(env, "feature", "set", FLAG, "true").exitCode())
                .isZero();

        try (Service service = CatalogSyncJar.startService(env)) {
            await("the worker's done line")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> doneLine(service.stderr()).isPresent());
            JsonNode done = doneLine(service.stderr()).orElseThrow();
            Map<String, String> fields = fields(done);
            assertThat(fields)
                    .containsEntry("class", "ci-catalog-resources-process-sync-events")
                    .containsEntry("job_status", "done")
                    .containsEntry("estimated_total_events", "30")
                    .containsEntry("consumable_events", "30")
                    .containsEntry("processed_events", "30")
                    .containsKeys("jid", "duration_s");
            assertThat(done.get("level").asText()).isEqualTo("INFO");

            Result stopped = service.stop(Duration.ofSeconds(10));
            assertThat(stopped.exitCode()).as(stopped.stderr()).isIn(0, 143);
            for (String line :
                    stopped.stderr().lines().filter(line -> !line.isBlank()).toList()) {
                assertThat(JSON.readTree(line).isObject()).as(line).isTrue();
            }
            String password = database.settings().password();
            if (!password.isEmpty()) {
                assertThat(stopped.stderr()).doesNotContain("password=" + password);
            }
        }
    }

    @Test
    void feature_set_records_who_and_history_lists_it_newest_first() throws Exception {
        assertThat(CatalogSyncJar.run(env, "feature", "set", FLAG, "true", "--actor", "ops-alice")
                        .exitCode())
                .isZero();
        assertThat(CatalogSyncJar.run(env, "feature", "set", FLAG, "false", "--actor", "ops-bob")
                        .exitCode())
                .isZero();

        Result history = CatalogSyncJar.run(env, "feature", "history", FLAG, "--json");

        assertThat(history.exitCode()).as(history.stderr()).isZero();
        JsonNode changes = JSON.readTree(history.stdout());
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).get("actor").asText()).isEqualTo("ops-bob");
        assertThat(changes.get(0).get("before").asText()).isEqualTo("enabled");
        assertThat(changes.get(0).get("after").asText()).isEqualTo("disabled");
        assertThat(changes.get(0).get("origin").asText()).isEqualTo("cli");
        assertThat(changes.get(1).get("actor").asText()).isEqualTo("ops-alice");
        assertThat(changes.get(1).get("before").asText()).isEqualTo("default");
        assertThat(database.count("SELECT count(*) FROM catalog_sync_feature_flag_changes"))
                .isEqualTo(2);

        JsonNode status =
                JSON.readTree(CatalogSyncJar.run(env, "status", "--json").stdout());
        assertThat(status.at("/flag/last_change/actor").asText()).isEqualTo("ops-bob");
        assertThat(CatalogSyncJar.run(env, "feature", "history", FLAG).stdout()).contains("ops-bob", "ops-alice");
        assertThat(CatalogSyncJar.run(env, "feature", "history", "no_such_flag").exitCode())
                .isEqualTo(2);
    }

    @Test
    void a_reconcile_from_the_command_line_is_the_last_drift_check_that_status_shows() throws Exception {
        assertThat(JSON.readTree(CatalogSyncJar.run(env, "status", "--json").stdout())
                        .has("last_drift_check"))
                .isFalse();

        Result reconcile = CatalogSyncJar.run(env, "reconcile", "--repair");
        assertThat(reconcile.exitCode()).as(reconcile.stderr()).isZero();

        JsonNode check = JSON.readTree(
                        CatalogSyncJar.run(env, "status", "--json").stdout())
                .get("last_drift_check");
        assertThat(check.get("kind").asText()).isEqualTo("reconcile");
        assertThat(check.get("origin").asText()).isEqualTo("cli");
        assertThat(check.get("actor").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(check.get("outcome").asText()).isEqualTo("checked=0 drifted=0 queued=0 (repair)");
        assertThat(CatalogSyncJar.run(env, "status").stdout()).contains("last drift check:", "(cli)");
    }

    @Test
    void demo_keeps_the_mirror_following_all_three_paths_and_stops_cleanly() throws Exception {
        Result demo = CatalogSyncJar.run(
                Map.of("CATALOG_SYNC_DATA_DIR", demoData.toString()), "demo", "--projects", "200", "--duration", "8s");

        assertThat(demo.exitCode()).as(demo.stderr()).isZero();
        JsonNode summary = JSON.readTree(demo.stdout());
        for (String path : List.of("callback", "direct_sql", "bulk")) {
            assertThat(summary.at("/changes/" + path).asLong()).as(path).isPositive();
            assertThat(summary.at("/synced/" + path).asLong())
                    .as("changes by %s seen in the mirror", path)
                    .isEqualTo(summary.at("/changes/" + path).asLong());
        }
        assertThat(summary.get("drifted").asLong()).isZero();
        assertThat(summary.get("pending_events").asLong()).isZero();
        assertThat(summary.get("processed_events").asLong()).isGreaterThanOrEqualTo(200);
        assertThat(demo.stderr()).contains("pending", "processed/s", "lag ms");
    }

    private static Optional<JsonNode> doneLine(String stderr) {
        return stderr.lines()
                .filter(line -> line.contains("\"job_status\"") && line.contains("\"done\""))
                .map(OperatorCommandsIT::parse)
                .filter(line -> "30".equals(fields(line).get("processed_events")))
                .findFirst();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /** The key/values of a logback JSON line: {@code "kvpList":[{"key":"value"},..]}. */
    private static Map<String, String> fields(JsonNode line) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        List<JsonNode> pairs = new ArrayList<>();
        line.path("kvpList").forEach(pairs::add);
        pairs.forEach(pair -> pair.fields()
                .forEachRemaining(
                        entry -> fields.put(entry.getKey(), entry.getValue().asText())));
        return fields;
    }
}
