package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import dev.catalogsync.bootstrap.CatalogSyncJar.Service;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A password given to the jar, on its own or inside the database URL (as a query parameter or as user-info), shows
 * up nowhere: not on stdout, not in an error line or a {@code --verbose} stack trace, not in the service's log or
 * its HTTP answers, whether the command succeeds or fails.
 */
class PasswordsAreNeverPrintedIT {

    private static final String SECRET = "pw-" + UUID.randomUUID();

    private static PostgresTestDatabase database;
    private static String role;

    @BeforeAll
    static void a_role_with_a_recognisable_password() {
        database = PostgresTestDatabase.createMigrated();
        role = "secretive_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        database.execute("CREATE ROLE " + role + " SUPERUSER LOGIN PASSWORD '" + SECRET + "'");
    }

    @AfterAll
    static void drop_them() {
        database.execute("DROP ROLE IF EXISTS " + role);
        database.close();
    }

    private static String urlWithPassword() {
        return database.jdbcUrl() + "?user=" + role + "&password=" + SECRET;
    }

    private static String closedPortUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "jdbc:postgresql://127.0.0.1:" + socket.getLocalPort() + "/nothing_here";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Result run(Map<String, String> environment, String... args) {
        return CatalogSyncJar.run(environment, args);
    }

    private static void assertSecretNowhere(Result result) {
        assertThat(result.stdout() + result.stderr()).doesNotContain(SECRET);
    }

    @Test
    void commands_that_succeed_print_no_password_however_it_was_given() {
        Result inTheUrl = run(Map.of("CATALOG_SYNC_DB_URL", urlWithPassword()), "status", "--json", "--verbose");
        Result inTheEnvironment = run(
                Map.of(
                        "CATALOG_SYNC_DB_URL", database.jdbcUrl(),
                        "CATALOG_SYNC_DB_USER", role,
                        "CATALOG_SYNC_DB_PASSWORD", SECRET),
                "status");
        Result asOptions = run(
                Map.of(),
                "feature",
                "list",
                "--db-url",
                database.jdbcUrl(),
                "--db-user",
                role,
                "--db-password",
                SECRET,
                "--verbose");

        for (Result result : new Result[] {inTheUrl, inTheEnvironment, asOptions}) {
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertSecretNowhere(result);
        }
    }

    @Test
    void commands_that_fail_print_no_password_in_their_line_or_stack_trace() {
        String closed = closedPortUrl();
        Result queryParameter =
                run(Map.of("CATALOG_SYNC_DB_URL", closed + "?password=" + SECRET), "status", "--verbose");
        Result userInfo = run(
                Map.of("CATALOG_SYNC_DB_URL", closed.replace("//", "//" + role + ":" + SECRET + "@")),
                "status",
                "--verbose");
        Result alone =
                run(Map.of("CATALOG_SYNC_DB_URL", closed, "CATALOG_SYNC_DB_PASSWORD", SECRET), "drain", "--verbose");
        Result notPostgres = run(Map.of(), "status", "--db-url", "jdbc:mysql://" + role + ":" + SECRET + "@db/x");

        for (Result result : new Result[] {queryParameter, alone}) {
            assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
            assertThat(result.stderr()).contains("\tat ");
            assertSecretNowhere(result);
        }
        assertThat(queryParameter.stderrLines().get(0)).contains("?password=***");
        assertThat(userInfo.exitCode())
                .as("user info is no form pgjdbc takes: bad input")
                .isEqualTo(2);
        assertThat(userInfo.stderrLines().get(0)).contains("user:password@host");
        assertSecretNowhere(userInfo);
        assertThat(notPostgres.exitCode()).isEqualTo(2);
        assertThat(notPostgres.stderr()).contains("jdbc:mysql://" + role + ":***@db/x");
        assertSecretNowhere(notPostgres);
    }

    @Test
    void the_service_logs_and_answers_without_the_password() throws Exception {
        try (Service service = CatalogSyncJar.startService(Map.of("CATALOG_SYNC_DB_URL", urlWithPassword()))) {
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(service.uri("/health"))
                                    .timeout(Duration.ofSeconds(15))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body() + health.headers()).doesNotContain(SECRET);
            Result stopped = service.stop(Duration.ofSeconds(60));
            assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
            assertSecretNowhere(stopped);
        }
    }
}
