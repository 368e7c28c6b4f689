package dev.catalogsync.adapters.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database's schema up to date with the migrations shipped in this module
 * ({@code classpath:db/migration}). Safe to run on every start and from several processes at once: Flyway
 * applies each migration once, under its lock, and a schema already up to date is left alone.
 */
public class SchemaMigrator {

    /** Where the migrations are, inside this module's jar. */
    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

    /**
     * What a run did.
     *
     * @param appliedMigrations how many migrations this run applied; 0 when the schema was up to date
     * @param schemaVersion the schema's version afterwards, for example {@code "4"}
     */
    public record MigrationReport(int appliedMigrations, String schemaVersion) {

        public MigrationReport {
            if (appliedMigrations < 0) {
                throw new IllegalArgumentException("appliedMigrations cannot be negative");
            }
            Objects.requireNonNull(schemaVersion, "schemaVersion");
        }
    }

    /** Flyway holds one connection for its lock and the history, and opens another to run the migrations. */
    public static final int CONNECTIONS_NEEDED = 2;

    private final DataSource dataSource;

    /**
     * @param dataSource able to open {@link #CONNECTIONS_NEEDED} connections at once
     * @throws IllegalArgumentException for a pool from {@link DataSources} too small for that, which would
     *     otherwise wait out the pool's connection timeout and fail with a misleading message
     */
    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (dataSource instanceof HikariDataSource pool && pool.getMaximumPoolSize() < CONNECTIONS_NEEDED) {
            throw new IllegalArgumentException("Migrating needs " + CONNECTIONS_NEEDED + " connections at once but "
                    + "the pool " + pool.getPoolName() + " has at most " + pool.getMaximumPoolSize());
        }
    }

    /**
     * Applies the pending migrations.
     *
     * @throws PostgresAdapterException when a migration fails, the history does not match the shipped
     *     migrations, or the migrations are missing from the classpath
     */
    public MigrationReport migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS_LOCATION)
                // A jar built without the migrations must fail here, not report an empty schema as up to date.
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            return new MigrationReport(result.migrationsExecuted, schemaVersion(flyway, result));
        } catch (FlywayException e) {
            throw new PostgresAdapterException(
                    "Could not migrate the schema from " + MIGRATIONS_LOCATION + ": " + e.getMessage(), e);
        }
    }

    /** Flyway names a target only when it applied something; otherwise the history says where the schema is. */
    private static String schemaVersion(Flyway flyway, MigrateResult result) {
        if (result.targetSchemaVersion != null) {
            return result.targetSchemaVersion;
        }
        MigrationInfo current = flyway.info().current();
        if (current == null || current.getVersion() == null) {
            throw new PostgresAdapterException("No migration is recorded as applied after migrating from "
                    + MIGRATIONS_LOCATION + " (is the schema history table empty?)");
        }
        return current.getVersion().getVersion();
    }
}
