package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.adapters.postgres.EmbeddedPostgresServer;
import dev.catalogsync.adapters.postgres.PostgresConnectionSettings;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import dev.catalogsync.bootstrap.CatalogSyncJar.Running;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input that only the built jar, in a JVM of its own, can show: the database refusing a password, a host that
 * does not exist, the HTTP token read from the environment. Each case is launched at once and all are awaited
 * together, one JVM each. The in-process cases (options, numbers, URLs, ...) are {@code BadCommandLinesTest}.
 */
class BadInputIT {

    private static final String ROLE = "catalog_sync_password_probe";
    private static final String RIGHT_PASSWORD = "right-password-4b1e";
    private static final String WRONG_PASSWORD = "wrong-password-9c7d";

    @TempDir
    static Path dataDirectory;

    /** A server of its own that asks for passwords: the shared test server trusts every local connection. */
    private static EmbeddedPostgresServer server;

    private static String url;

    @BeforeAll
    static void startAServerThatChecksPasswords() throws Exception {
        server = EmbeddedPostgresServer.open(dataDirectory.resolve("postgres"));
        PostgresConnectionSettings superuser = server.settings();
        url = superuser.jdbcUrl().replaceFirst("\\?.*$", "");
        execute(superuser, "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + RIGHT_PASSWORD + "'");
        Files.writeString(
                server.dataDirectory().resolve("pg_hba.conf"),
                String.join(
                        "\n",
                        "local all all trust",
                        "host all postgres 127.0.0.1/32 trust",
                        "host all postgres ::1/128 trust",
                        "host all all 127.0.0.1/32 scram-sha-256",
                        "host all all ::1/128 scram-sha-256",
                        ""),
                StandardCharsets.UTF_8);
        execute(superuser, "SELECT pg_reload_conf()");
        await("the server to ask for passwords")
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> refusesWrongPassword());
    }

    @AfterAll
    static void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    private static boolean refusesWrongPassword() {
        try (Connection ignored = DriverManager.getConnection(url, ROLE, WRONG_PASSWORD)) {
            return false;
        } catch (SQLException e) {
            return "28P01".equals(e.getSQLState());
        }
    }

    private static void execute(PostgresConnectionSettings settings, String sql) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void each_case_fails_in_one_line_with_its_exit_code_and_never_shows_a_secret() throws IOException {
        Path shortToken = Files.writeString(dataDirectory.resolve("short-token"), "hunter2");
        Map<String, Running> launched = new LinkedHashMap<>();
        launched.put(
                "the right password",
                CatalogSyncJar.start(
                        Map.of("CATALOG_SYNC_DB_URL", url, "CATALOG_SYNC_DB_USER", ROLE),
                        "migrate",
                        "--dry-run",
                        "--db-password",
                        RIGHT_PASSWORD));
        launched.put(
                "a wrong password",
                CatalogSyncJar.start(
                        Map.of("CATALOG_SYNC_DB_URL", url, "CATALOG_SYNC_DB_USER", ROLE),
                        "status",
                        "--db-password",
                        WRONG_PASSWORD));
        launched.put(
                "a wrong password in the URL",
                CatalogSyncJar.start(
                        Map.of("CATALOG_SYNC_DB_URL", url + "?user=" + ROLE + "&password=" + WRONG_PASSWORD),
                        "status"));
        launched.put(
                "a host that does not exist",
                CatalogSyncJar.start(
                        Map.of("CATALOG_SYNC_DB_URL", "jdbc:postgresql://no-such-host.invalid:5432/gitlab"), "drain"));
        launched.put(
                "listening beyond the loopback without a token",
                CatalogSyncJar.start(Map.of("CATALOG_SYNC_DB_URL", url), "run", "--http-host", "0.0.0.0"));
        launched.put(
                "a token in the environment too short to be one",
                CatalogSyncJar.start(
                        Map.of("CATALOG_SYNC_DB_URL", url, "CATALOG_SYNC_HTTP_TOKEN", "hunter2"),
                        "run",
                        "--http-host",
                        "0.0.0.0"));
        launched.put(
                "a token file too short to be one",
                CatalogSyncJar.start(
                        Map.of("CATALOG_SYNC_DB_URL", url), "run", "--http-token-file", shortToken.toString()));

        Map<String, Result> results = new LinkedHashMap<>();
        launched.forEach((what, running) -> results.put(what, running.finish()));
        results.forEach((what, result) -> System.out.printf(
                "%s: exit %d in %d ms%n", what, result.exitCode(), result.took().toMillis()));

        Result right = results.get("the right password");
        assertThat(right.exitCode())
                .as("the server takes the right password: " + right.stderr())
                .isZero();
        assertFailure(results.get("a wrong password"), 1, "password authentication failed for user \"" + ROLE + "\"");
        assertFailure(results.get("a wrong password in the URL"), 1, "password=***");
        assertFailure(results.get("a host that does not exist"), 1, "unknown host no-such-host.invalid");
        assertFailure(
                results.get("listening beyond the loopback without a token"),
                2,
                "--http-host 0.0.0.0 is beyond the loopback: set CATALOG_SYNC_HTTP_TOKEN or --http-token-file");
        assertFailure(
                results.get("a token in the environment too short to be one"),
                2,
                "CATALOG_SYNC_HTTP_TOKEN: the HTTP token must be 16 to 4096 characters long");
        assertFailure(results.get("a token file too short to be one"), 2, "--http-token-file " + shortToken);
        for (Result result : results.values()) {
            assertThat(result.stdout() + result.stderr()).doesNotContain(WRONG_PASSWORD, RIGHT_PASSWORD, "hunter2");
        }
    }

    private static void assertFailure(Result result, int exitCode, String says) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(exitCode);
        assertThat(result.stderrLines()).as(result.stderr()).hasSize(1);
        assertThat(result.stderr())
                .startsWith("catalog-sync: ")
                .contains(says)
                .doesNotContain("\tat ", "Exception in thread");
        assertThat(result.stdout()).isEmpty();
    }
}
