package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

class DataSourcesTest {

    private static PostgresTestDatabase database;

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createEmpty();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_setting('" + setting + "')")) {
            result.next();
            return result.getString(1);
        }
    }

    @Test
    void every_connection_is_bounded_by_statement_lock_and_idle_transaction_timeouts() throws SQLException {
        try (HikariDataSource pool = DataSources.pooled(database.settings(), "timeouts-test", 2);
                Connection connection = pool.getConnection()) {
            assertThat(show(connection, "statement_timeout")).isEqualTo("30s");
            assertThat(show(connection, "lock_timeout")).isEqualTo("5s");
            assertThat(show(connection, "idle_in_transaction_session_timeout")).isEqualTo("1min");
        }
    }

    private static long connectionsNamed(String poolName) {
        return database.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + poolName + "'");
    }

    @Test
    void a_pool_that_keeps_one_idle_connection_opens_one_until_more_are_asked_for() throws SQLException {
        try (HikariDataSource lazy = DataSources.pooled(database.settings(), "lazy-pool-test", 4, 1);
                HikariDataSource full = DataSources.pooled(database.settings(), "full-pool-test", 4)) {
            Awaitility.await("the full pool to fill")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> connectionsNamed("full-pool-test") == 4);
            assertThat(connectionsNamed("lazy-pool-test")).isEqualTo(1);

            try (Connection first = lazy.getConnection();
                    Connection second = lazy.getConnection()) {
                assertThat(connectionsNamed("lazy-pool-test")).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void a_pool_cannot_keep_more_idle_connections_than_it_may_open() {
        assertThatThrownBy(() -> DataSources.pooled(database.settings(), "too-idle", 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimumIdle");
    }

    @Test
    void the_pool_name_is_the_application_name_the_server_sees() throws SQLException {
        try (HikariDataSource pool = DataSources.pooled(database.settings(), "catalog-sync-worker", 1);
                Connection connection = pool.getConnection()) {
            assertThat(show(connection, "application_name")).isEqualTo("catalog-sync-worker");
        }
    }

    @Test
    void a_database_nobody_listens_for_fails_at_startup_with_the_drivers_cause() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PostgresConnectionSettings nowhere =
                new PostgresConnectionSettings("jdbc:postgresql://localhost:" + closedPort + "/catalog", "app", "");

        assertThatThrownBy(() -> DataSources.pooled(nowhere, "dead-test", 1))
                .isInstanceOf(PostgresAdapterException.class)
                .hasMessageContaining("localhost:" + closedPort)
                .hasMessageContaining("dead-test")
                .hasCauseInstanceOf(com.zaxxer.hikari.pool.HikariPool.PoolInitializationException.class)
                .hasRootCauseInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(e.getCause().getCause()).isInstanceOf(PSQLException.class));
    }

    @Test
    void the_failure_of_a_url_carrying_passwords_names_the_database_but_not_the_passwords() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PostgresConnectionSettings nowhere = new PostgresConnectionSettings(
                "jdbc:postgresql://localhost:" + closedPort + "/catalog?password=in-the-url", "app", "given-alone");

        assertThatThrownBy(() -> DataSources.pooled(nowhere, "dead-test", 1))
                .hasMessageContaining("localhost:" + closedPort + "/catalog?password=***")
                .hasMessageNotContaining("in-the-url")
                .hasMessageNotContaining("given-alone");
    }

    @Test
    void a_pool_needs_a_name_and_room_for_a_connection() {
        assertThatThrownBy(() -> DataSources.pooled(database.settings(), " ", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataSources.pooled(database.settings(), "empty", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
