package dev.catalogsync.adapters.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An install made before our tables took the {@code catalog_sync_} prefix and our migrations their own history
 * table: its history is in Flyway's default {@code flyway_schema_history} and its lease, flag and scheduler tables
 * have unprefixed names. {@link #upgrade} brings it to today's names in one transaction, keeping every row; the
 * migrator then realigns the recorded checksums (the first migrations now create the prefixed names).
 */
final class LegacyInstall {

    /** Flyway's default history table, which installs before 0.2 used. */
    static final String LEGACY_HISTORY = "flyway_schema_history";

    /** A migration only catalog-sync ships, so a history holding it is ours. */
    private static final String OUR_MARKER_SCRIPT = "V2__create_catalog_resource_sync_events.sql";

    /** Old name, new name; tables first, then the indexes that carried the old names. */
    static final List<List<String>> RENAMES = List.of(
            List.of("TABLE", "exclusive_leases", "catalog_sync_exclusive_leases"),
            List.of("TABLE", "feature_flags", "catalog_sync_feature_flags"),
            List.of("TABLE", "scheduled_tasks", "catalog_sync_scheduled_tasks"),
            List.of("TABLE", "scheduler_reschedule_requests", "catalog_sync_reschedule_requests"),
            List.of("INDEX", "exclusive_leases_pkey", "catalog_sync_exclusive_leases_pkey"),
            List.of("INDEX", "feature_flags_pkey", "catalog_sync_feature_flags_pkey"),
            List.of("INDEX", "scheduled_tasks_pkey", "catalog_sync_scheduled_tasks_pkey"),
            List.of("INDEX", "scheduler_reschedule_requests_pkey", "catalog_sync_reschedule_requests_pkey"),
            List.of("INDEX", "execution_time_idx", "catalog_sync_scheduled_tasks_execution_time_idx"),
            List.of("INDEX", "last_heartbeat_idx", "catalog_sync_scheduled_tasks_last_heartbeat_idx"),
            List.of(
                    "INDEX",
                    "priority_execution_time_idx",
                    "catalog_sync_scheduled_tasks_priority_execution_time_idx"));

    private LegacyInstall() {}

    /**
     * Whether the current schema holds a legacy install: no history table of ours, and Flyway's default one
     * recording our migrations.
     *
     * @return empty when it does not; else a description of what {@link #upgrade} will do
     * @throws PostgresAdapterException when Flyway's default history records other migrations beside ours: it is
     *     shared with the host application and cannot simply become ours
     */
    static Optional<String> detect(Connection connection, String ourHistory, Set<String> ourScripts)
            throws SQLException {
        if (HostSchemaCheck.exists(connection, ourHistory) || !HostSchemaCheck.exists(connection, LEGACY_HISTORY)) {
            return Optional.empty();
        }
        long ours = count(
                connection, "SELECT count(*) FROM " + LEGACY_HISTORY + " WHERE script = '" + OUR_MARKER_SCRIPT + "'");
        if (ours == 0) {
            return Optional.empty();
        }
        long others;
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + LEGACY_HISTORY
                + " WHERE type NOT IN ('BASELINE', 'SCHEMA') AND NOT (script = ANY (?))")) {
            query.setArray(1, connection.createArrayOf("text", ourScripts.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                others = rows.getLong(1);
            }
        }
        if (others > 0) {
            throw new PostgresAdapterException(LEGACY_HISTORY + " records catalog-sync's migrations and " + others
                    + " of another application's; move ours to " + ourHistory + " by hand (see docs/installing.md)");
        }
        return Optional.of("upgrade an install of catalog-sync 0.1: rename " + LEGACY_HISTORY + " to " + ourHistory
                + ", and exclusive_leases, feature_flags, scheduled_tasks, scheduler_reschedule_requests to their "
                + "catalog_sync_ names");
    }

    /** Renames the history and our tables in one transaction; every row stays. */
    static void upgrade(Connection connection, String ourHistory) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement sql = connection.createStatement()) {
            sql.execute("ALTER TABLE " + LEGACY_HISTORY + " RENAME TO " + ourHistory);
            sql.execute("ALTER INDEX IF EXISTS " + LEGACY_HISTORY + "_pk RENAME TO " + ourHistory + "_pk");
            sql.execute("ALTER INDEX IF EXISTS " + LEGACY_HISTORY + "_s_idx RENAME TO " + ourHistory + "_s_idx");
            for (List<String> rename : RENAMES) {
                sql.execute("ALTER " + rename.get(0) + " IF EXISTS " + rename.get(1) + " RENAME TO " + rename.get(2));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
