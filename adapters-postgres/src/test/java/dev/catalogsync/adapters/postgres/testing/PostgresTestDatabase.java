package dev.catalogsync.adapters.postgres.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.DataSources;
import dev.catalogsync.adapters.postgres.PostgresConnectionSettings;
import dev.catalogsync.adapters.postgres.SchemaMigrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A database of its own for one test class, on the JVM's {@link PostgresTestServer}, migrated with the real
 * migrations and reached through a real pool from {@link DataSources}. Create it in {@code @BeforeAll}, call
 * {@link #truncateAll()} before each test, and {@link #close()} it in {@code @AfterAll}.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    /** Enough for the adapters plus a few threads racing in a test. */
    static final int POOL_SIZE = 4;

    private static final AtomicInteger CREATED = new AtomicInteger();

    private final PostgresTestServer server;
    private final String name;
    private final HikariDataSource dataSource;

    private PostgresTestDatabase(PostgresTestServer server, String name, HikariDataSource dataSource) {
        this.server = server;
        this.name = name;
        this.dataSource = dataSource;
    }

    /** Creates a fresh, uniquely named database and applies the migrations to it. */
    public static PostgresTestDatabase createMigrated() {
        PostgresTestDatabase database = createEmpty();
        try {
            new SchemaMigrator(database.dataSource).migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** Creates a fresh, uniquely named database with nothing in it, for tests of migrating itself. */
    public static PostgresTestDatabase createEmpty() {
        PostgresTestServer server = PostgresTestServer.shared();
        String name = "test_" + CREATED.incrementAndGet() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        executeOnMaintenanceDatabase(server, "CREATE DATABASE " + name);
        try {
            return new PostgresTestDatabase(server, name, DataSources.pooled(server.settings(name), name, POOL_SIZE));
        } catch (RuntimeException e) {
            executeOnMaintenanceDatabase(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            throw e;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public PostgresConnectionSettings settings() {
        return server.settings(name);
    }

    public String jdbcUrl() {
        return settings().jdbcUrl();
    }

    public String name() {
        return name;
    }

    /** The tables around the queue, on this database, for contract tests and arranging data. */
    public PostgresCatalogWorld world() {
        return new PostgresCatalogWorld(dataSource);
    }

    /**
     * Empties every table of the schema (projects, catalog resources, the queue, leases, flags, the record of
     * detached partitions, the scheduler's jobs and reschedule requests, the flag audit) and restarts their ids at 1. Partitions stay as they are: see
     * {@link #resetQueuePartitions()}.
     */
    public void truncateAll() {
        execute(
                dataSource,
                "TRUNCATE projects, catalog_resources, p_catalog_resource_sync_events, "
                        + "catalog_sync_exclusive_leases, catalog_sync_feature_flags, catalog_resource_sync_event_detached_partitions, "
                        + "catalog_sync_scheduled_tasks, catalog_sync_reschedule_requests, catalog_sync_feature_flag_changes, "
                        + "catalog_sync_instances, catalog_sync_operations "
                        + "RESTART IDENTITY");
    }

    /**
     * Puts the queue's partitions back as migrated: every partition and detached partition table dropped,
     * partition 1 created empty, the column default 1, no detached partition recorded. Empties the queue.
     */
    public void resetQueuePartitions() {
        execute(dataSource, """
                DO $$
                DECLARE partition_table text;
                BEGIN
                    FOR partition_table IN
                        SELECT relname FROM pg_class
                         WHERE relname ~ '^catalog_resource_sync_events_[0-9]+$' AND relkind = 'r'
                    LOOP
                        EXECUTE format('DROP TABLE %I', partition_table);
                    END LOOP;
                    CREATE TABLE catalog_resource_sync_events_1
                        PARTITION OF p_catalog_resource_sync_events FOR VALUES IN (1);
                    ALTER TABLE ONLY p_catalog_resource_sync_events ALTER COLUMN partition_id SET DEFAULT 1;
                    TRUNCATE catalog_resource_sync_event_detached_partitions;
                END
                $$""");
    }

    /** Runs one SQL statement on this database, committed on its own. */
    public void execute(String sql) {
        execute(dataSource, sql);
    }

    /** Runs a query whose first column of its one row is text (or null), such as {@code SELECT string_agg(..)}. */
    public String text(String query) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            if (!rows.next()) {
                throw new IllegalStateException("No row from: " + query);
            }
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run on the test database: " + query, e);
        }
    }

    /** Runs a query whose first column of its one row is a number, such as {@code SELECT count(*) ...}. */
    public long count(String query) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            if (!rows.next()) {
                throw new IllegalStateException("No row from: " + query);
            }
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run on the test database: " + query, e);
        }
    }

    /** Makes the time to live of whoever holds the lease {@code key} run out, on the database clock. */
    public void expireLease(String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE catalog_sync_exclusive_leases SET expires_at = now() - interval '1 second' WHERE lease_key = ?")) {
            update.setString(1, key);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not expire the lease " + key, e);
        }
    }

    /** Closes the pool and drops the database, ending any session still on it. */
    @Override
    public void close() {
        dataSource.close();
        executeOnMaintenanceDatabase(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    @Override
    public String toString() {
        return name + " on " + server;
    }

    /** CREATE and DROP DATABASE cannot run on the database they name, nor in a transaction. */
    private static void executeOnMaintenanceDatabase(PostgresTestServer server, String sql) {
        PostgresConnectionSettings maintenance = server.settings("postgres");
        try (Connection connection =
                        DriverManager.getConnection(maintenance.jdbcUrl(), maintenance.user(), maintenance.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run on " + server + ": " + sql, e);
        }
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run on the test database: " + sql, e);
        }
    }
}
