package dev.catalogsync.adapters.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database's schema up to date with the migrations shipped in this module
 * ({@code classpath:db/migration}), beside whatever else the database holds.
 *
 * <ul>
 *   <li><b>Its own history.</b> Applied migrations are recorded in {@value #HISTORY_TABLE}, never in Flyway's
 *       default {@code flyway_schema_history}, which a host application's own Flyway may own. On a database that
 *       already holds tables (the host's), the history starts from a baseline below our first migration.</li>
 *   <li><b>The host's tables untouched.</b> {@code projects} and {@code catalog_resources} are created only where
 *       absent; where they exist they must have the columns we read and write, checked before anything changes
 *       ({@link HostSchemaCheck}). Every other table we create carries the {@code catalog_sync_} prefix, or
 *       GitLab's names for the queue.</li>
 *   <li><b>Installs of 0.1</b> (history in {@code flyway_schema_history}, unprefixed tables) are upgraded in place
 *       first, every row kept ({@link LegacyInstall}).</li>
 * </ul>
 *
 * <p>Safe to run on every start and from several processes at once: Flyway applies each migration once, under its
 * lock, and a schema already up to date is left alone.
 */
public class SchemaMigrator {

    /** Where the migrations are, inside this module's jar. */
    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

    /** Our history table. */
    public static final String HISTORY_TABLE = "catalog_sync_schema_history";

    /** Flyway holds one connection for its lock and the history, and opens another to run the migrations. */
    public static final int CONNECTIONS_NEEDED = 2;

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

    /**
     * What {@link #migrate()} would do, changing nothing.
     *
     * @param upgrade the in-place upgrade of an older install it would make first, if any
     * @param pending the migrations it would apply, as {@code "V4 create exclusive leases and feature flags"}
     * @param hostTablesKept which of {@code projects} and {@code catalog_resources} exist and would be left as
     *     they are (the others are created)
     */
    public record MigrationPlan(Optional<String> upgrade, List<String> pending, List<String> hostTablesKept) {

        public MigrationPlan {
            Objects.requireNonNull(upgrade, "upgrade");
            pending = List.copyOf(pending);
            hostTablesKept = List.copyOf(hostTablesKept);
        }
    }

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
     * Applies the pending migrations, after checking the host's tables and upgrading an older install.
     *
     * @throws PostgresAdapterException when the host's tables do not suit us (nothing is changed then), a
     *     migration fails, the history does not match the shipped migrations, or the migrations are missing
     */
    public MigrationReport migrate() {
        Flyway flyway = flyway(HISTORY_TABLE);
        try {
            Set<String> ourScripts = ourScripts(flyway);
            boolean upgraded = false;
            // One connection at a time: Flyway itself needs CONNECTIONS_NEEDED while it works.
            try (Connection connection = dataSource.getConnection()) {
                refuseUnsuitableHostTables(connection);
                if (LegacyInstall.detect(connection, HISTORY_TABLE, ourScripts).isPresent()) {
                    LegacyInstall.upgrade(connection, HISTORY_TABLE);
                    upgraded = true;
                }
            }
            if (upgraded) {
                // Our first migrations now create the prefixed names; the history must record their checksums.
                flyway.repair();
            }
            MigrateResult result = flyway.migrate();
            return new MigrationReport(result.migrationsExecuted, schemaVersion(flyway, result));
        } catch (FlywayException e) {
            throw failed(e);
        } catch (SQLException e) {
            throw new PostgresAdapterException(
                    "Could not read the database's schema before migrating: " + e.getMessage(), e);
        }
    }

    /**
     * What {@link #migrate()} would do; reads only.
     *
     * @throws PostgresAdapterException when the host's tables do not suit us, or the schema cannot be read
     */
    public MigrationPlan plan() {
        Flyway flyway = flyway(HISTORY_TABLE);
        try {
            Set<String> ourScripts = ourScripts(flyway);
            Optional<String> upgrade;
            List<String> existing = new ArrayList<>();
            try (Connection connection = dataSource.getConnection()) {
                refuseUnsuitableHostTables(connection);
                upgrade = LegacyInstall.detect(connection, HISTORY_TABLE, ourScripts);
                for (String table : List.of("projects", "catalog_resources")) {
                    if (HostSchemaCheck.exists(connection, table)) {
                        existing.add(table);
                    }
                }
            }
            Flyway current = upgrade.isPresent() ? flyway(LegacyInstall.LEGACY_HISTORY) : flyway;
            List<String> pending = Arrays.stream(current.info().pending())
                    .map(info -> "V" + info.getVersion() + " " + info.getDescription())
                    .toList();
            boolean createsHostTables = pending.stream().anyMatch(migration -> migration.startsWith("V1 "));
            return new MigrationPlan(upgrade, pending, createsHostTables ? existing : List.of());
        } catch (FlywayException e) {
            throw failed(e);
        } catch (SQLException e) {
            throw new PostgresAdapterException("Could not read the database's schema: " + e.getMessage(), e);
        }
    }

    private static void refuseUnsuitableHostTables(Connection connection) throws SQLException {
        Optional<String> problems = HostSchemaCheck.problems(connection);
        if (problems.isPresent()) {
            throw new PostgresAdapterException(problems.get());
        }
    }

    private Flyway flyway(String historyTable) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS_LOCATION)
                .table(historyTable)
                // A host's database is not empty: our history starts below our first migration, which then runs.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("catalog-sync installed beside existing tables")
                // A jar built without the migrations must fail here, not report an empty schema as up to date.
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load();
    }

    private static Set<String> ourScripts(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .map(MigrationInfo::getScript)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    private static PostgresAdapterException failed(FlywayException e) {
        return new PostgresAdapterException(
                "Could not migrate the schema from " + MIGRATIONS_LOCATION + ": " + e.getMessage(), e);
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
