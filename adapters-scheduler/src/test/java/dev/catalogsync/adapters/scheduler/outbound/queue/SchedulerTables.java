package dev.catalogsync.adapters.scheduler.outbound.queue;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Reads and arranges the scheduler's tables in a test database, as an operator with psql would. */
final class SchedulerTables {

    private final PostgresTestDatabase database;

    SchedulerTables(PostgresTestDatabase database) {
        this.database = database;
    }

    void empty() {
        execute("TRUNCATE catalog_sync_scheduled_tasks, catalog_sync_reschedule_requests");
    }

    long count(String query) {
        return database.count(query);
    }

    long workerJobs() {
        return count("SELECT count(*) FROM catalog_sync_scheduled_tasks WHERE task_name = '"
                + SyncWorkerScheduler.WORKER_TASK + "'");
    }

    /** Makes the queued worker job look picked by a process that then died, its last heartbeat at {@code when}. */
    void pickWorkerJobByADeadInstance(Instant when) {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE catalog_sync_scheduled_tasks SET picked = true, "
                                + "picked_by = 'killed-instance', last_heartbeat = ?, version = version + 1 WHERE task_name = ?")) {
            update.setTimestamp(1, Timestamp.from(when));
            update.setString(2, SyncWorkerScheduler.WORKER_TASK);
            if (update.executeUpdate() != 1) {
                throw new AssertionError("no queued worker job to pick");
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    void execute(String sql) {
        database.execute(sql);
    }
}
