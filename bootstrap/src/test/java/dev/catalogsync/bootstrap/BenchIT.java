package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.PostgresConnectionSettings;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.adapters.postgres.testing.PostgresTestServer;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bench} end to end on the jar, at a scale that makes it a smoke test: every section printed, the
 * scratch database gone afterwards, a server with data refused. It asserts no figure: speed is what the bench
 * reports, never what a test checks.
 */
class BenchIT {

    private static final Duration SMALL_BENCH_LIMIT = Duration.ofMinutes(8);
    private static final PostgresConnectionSettings SERVER =
            PostgresTestServer.shared().settings("postgres");

    private static Map<String, String> environmentFor(PostgresConnectionSettings settings) {
        return Map.of(
                "CATALOG_SYNC_DB_URL", settings.jdbcUrl(),
                "CATALOG_SYNC_DB_USER", settings.user(),
                "CATALOG_SYNC_DB_PASSWORD", settings.password());
    }

    private static long benchDatabases() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER.jdbcUrl(), SERVER.user(), SERVER.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM pg_database WHERE datname = 'catalog_sync_bench'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void a_small_bench_prints_every_measurement_as_markdown_and_drops_its_database() throws SQLException {
        Result bench = CatalogSyncJar.start(
                        environmentFor(SERVER),
                        "bench",
                        "--scale",
                        "0.002",
                        "--runs",
                        "1",
                        "--propagation-seconds",
                        "1")
                .finish(SMALL_BENCH_LIMIT);

        assertThat(bench.exitCode()).as(bench.stderr()).isZero();
        assertThat(bench.stdout())
                .contains("### catalog-sync bench")
                .contains("#### (a) 400 events, each for a different catalog resource")
                .contains("#### (b) 20 catalog resources with 10 events each")
                .contains("#### (c) 2 000 events")
                .contains("#### (d) what the trigger costs the writers of `projects`")
                .contains("#### (e) propagation through `run`")
                .contains("#### (f) the ceiling: 400 events for as many resources (worst case)")
                .contains("| GitLab's per-event algorithm (JDBC, one round trip per statement) |")
                .contains("| ours, whole process (`java -jar catalog-sync.jar drain`, JVM start included) |")
                .contains("| direct SQL: found by the idle poll of pending events | 200 |");
        assertThat(bench.stderrLines())
                .as("progress while it runs")
                .anySatisfy(line -> assertThat(line).startsWith("[a] run 1/1"))
                .anySatisfy(line -> assertThat(line).startsWith("[e] run 1/1"));
        assertThat(benchDatabases()).as("the scratch database is dropped").isZero();
    }

    @Test
    void a_database_with_tables_of_its_own_is_refused_with_one_line_unless_forced() throws SQLException {
        try (PostgresTestDatabase application = PostgresTestDatabase.createMigrated()) {
            Result refused = CatalogSyncJar.run(environmentFor(application.settings()), "bench", "--scale", "0.001");

            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.stderrLines())
                    .singleElement()
                    .asString()
                    .contains("holds tables (public.")
                    .contains("--force");
            assertThat(benchDatabases()).isZero();
        }
    }

    @Test
    void an_unknown_measurement_is_bad_input() {
        Result refused = CatalogSyncJar.run(environmentFor(SERVER), "bench", "--only", "a,z");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderrLines()).singleElement().asString().contains("--only takes letters a to f, not 'z'");
    }
}
