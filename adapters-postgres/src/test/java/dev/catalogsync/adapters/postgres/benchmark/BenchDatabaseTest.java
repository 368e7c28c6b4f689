package dev.catalogsync.adapters.postgres.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.DataSources;
import dev.catalogsync.adapters.postgres.PostgresAdapterException;
import dev.catalogsync.adapters.postgres.PostgresConnectionSettings;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.adapters.postgres.testing.PostgresTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchDatabaseTest {

    private final PostgresConnectionSettings server =
            PostgresTestServer.shared().settings("postgres");
    private HikariDataSource maintenance;

    @BeforeEach
    void connect_to_the_server() {
        maintenance = DataSources.pooled(server, "bench-test", 2);
    }

    @AfterEach
    void disconnect() {
        new Jdbc(maintenance).execute("DROP DATABASE IF EXISTS " + BenchDatabase.NAME + " WITH (FORCE)");
        maintenance.close();
    }

    private long benchDatabases() {
        return new Jdbc(maintenance)
                .number("SELECT count(*) FROM pg_database WHERE datname = '" + BenchDatabase.NAME + "'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "jdbc:postgresql://db:5432/gitlab | jdbc:postgresql://db:5432/bench",
                "jdbc:postgresql://db:5432/gitlab?ssl=true&user=x | jdbc:postgresql://db:5432/bench?ssl=true&user=x",
                "jdbc:postgresql://db/gitlab | jdbc:postgresql://db/bench",
                "jdbc:postgresql://db:5432 | jdbc:postgresql://db:5432/bench",
                "jdbc:postgresql://a:1,b:2/gitlab?targetServerType=primary | jdbc:postgresql://a:1,b:2/bench?targetServerType=primary",
                "jdbc:postgresql:gitlab | jdbc:postgresql:bench",
                "jdbc:postgresql:gitlab?user=x | jdbc:postgresql:bench?user=x"
            })
    void the_bench_database_is_reached_like_the_given_one_but_by_its_own_name(String given, String expected) {
        assertThat(BenchDatabase.jdbcUrlOfDatabase(given, "bench")).isEqualTo(expected);
    }

    @Test
    void it_is_created_migrated_and_marked_and_dropped_on_close() {
        try (BenchDatabase bench = BenchDatabase.create(maintenance, server)) {
            assertThat(benchDatabases()).isEqualTo(1);
            assertThat(new Jdbc(bench.dataSource())
                            .number("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'projects'::regclass "
                                    + "AND tgname = 'trigger_catalog_resource_sync_event_on_project_update'"))
                    .isEqualTo(1);
            assertThat(bench.settings().jdbcUrl()).endsWith("/" + BenchDatabase.NAME);
        }

        assertThat(benchDatabases()).isZero();
    }

    @Test
    void one_left_behind_by_an_interrupted_bench_is_replaced() {
        BenchDatabase interrupted = BenchDatabase.create(maintenance, server);
        new Jdbc(interrupted.dataSource()).execute("INSERT INTO projects (name) VALUES ('left behind')");

        try (BenchDatabase next = BenchDatabase.create(maintenance, server)) {
            assertThat(new Jdbc(next.dataSource()).number("SELECT count(*) FROM projects"))
                    .isZero();
        }
    }

    @Test
    void a_database_of_that_name_that_the_bench_did_not_create_is_refused_and_kept() {
        new Jdbc(maintenance).execute("CREATE DATABASE " + BenchDatabase.NAME);

        assertThatThrownBy(() -> BenchDatabase.create(maintenance, server))
                .isInstanceOf(PostgresAdapterException.class)
                .hasMessageContaining("the bench did not create");
        assertThat(benchDatabases()).isEqualTo(1);
    }

    @Test
    void the_tables_of_a_database_are_listed_so_that_one_with_data_can_be_refused() {
        try (PostgresTestDatabase empty = PostgresTestDatabase.createEmpty();
                PostgresTestDatabase migrated = PostgresTestDatabase.createMigrated()) {
            assertThat(BenchDatabase.tablesOf(empty.dataSource(), 3)).isEmpty();
            assertThat(BenchDatabase.tablesOf(migrated.dataSource(), 3))
                    .hasSize(3)
                    .allSatisfy(table -> assertThat(table).startsWith("public."));
        }
    }
}
