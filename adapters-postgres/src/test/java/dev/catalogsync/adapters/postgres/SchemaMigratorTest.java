package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.SchemaMigrator.MigrationReport;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.adapters.postgres.testing.ShippedMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
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
            execute(database.dataSource(), "UPDATE flyway_schema_history SET checksum = 42 WHERE version = '2'");

            assertThatThrownBy(() -> new SchemaMigrator(database.dataSource()).migrate())
                    .isInstanceOf(PostgresAdapterException.class)
                    .hasMessageContaining("Could not migrate the schema from classpath:db/migration")
                    .hasMessageContaining("checksum mismatch");
        }
    }

    @Test
    void a_schema_holding_tables_of_its_own_is_refused_rather_than_migrated_over() throws SQLException {
        try (PostgresTestDatabase database = PostgresTestDatabase.createEmpty()) {
            execute(database.dataSource(), "CREATE TABLE projects (id integer)");

            assertThatThrownBy(() -> new SchemaMigrator(database.dataSource()).migrate())
                    .isInstanceOf(PostgresAdapterException.class)
                    .hasMessageContaining("non-empty schema");
        }
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
