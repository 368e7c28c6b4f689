package dev.catalogsync.adapters.postgres.codegen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.meta.postgres.PostgresDatabase;

/**
 * A jOOQ meta database for code generation that reads the schema our Flyway migrations build on a real,
 * embedded PostgreSQL.
 *
 * <p>jOOQ's {@code DDLDatabase} parses the migrations itself and cannot read {@code PARTITION BY LIST} or
 * PL/pgSQL; running them on the same PostgreSQL we ship against means the generated classes can never drift
 * from the schema. Configure it in jooq-codegen-maven with the database property {@code locations}, a
 * comma-separated list of Flyway locations (for example {@code filesystem:src/main/resources/db/migration}).
 */
public class FlywayMigratedPostgresDatabase extends PostgresDatabase {

    private EmbeddedPostgres postgres;
    private Connection connection;

    @Override
    protected DSLContext create0() {
        if (connection == null) {
            startAndMigrate();
        }
        return super.create0();
    }

    private void startAndMigrate() {
        String locations = getProperties().getProperty("locations");
        if (locations == null || locations.isBlank()) {
            throw new IllegalStateException("Set the database property 'locations' to the Flyway migration locations");
        }
        try {
            postgres = EmbeddedPostgres.builder().start();
            Flyway.configure()
                    .dataSource(postgres.getPostgresDatabase())
                    .locations(locations.split(","))
                    .load()
                    .migrate();
            connection = postgres.getPostgresDatabase().getConnection();
            setConnection(connection);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for jOOQ code generation", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to the embedded PostgreSQL for jOOQ code generation", e);
        }
    }

    @Override
    public void close() {
        super.close();
        try {
            if (connection != null) {
                connection.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not stop the embedded PostgreSQL used for code generation", e);
        } finally {
            connection = null;
            postgres = null;
        }
    }
}
