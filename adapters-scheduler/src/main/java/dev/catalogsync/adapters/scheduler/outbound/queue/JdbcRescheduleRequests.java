package dev.catalogsync.adapters.scheduler.outbound.queue;

import dev.catalogsync.adapters.scheduler.SchedulerAdapterException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Requests in {@code catalog_sync_reschedule_requests} (created by the PostgreSQL migrations), one row per task
 * name. Each method is one statement in its own transaction: an {@code INSERT ... ON CONFLICT DO NOTHING} and a
 * {@code DELETE ... RETURNING}, so concurrent takers cannot both see the same request.
 */
public final class JdbcRescheduleRequests implements RescheduleRequests {

    private static final String REQUEST =
            "INSERT INTO catalog_sync_reschedule_requests (task_name) VALUES (?) ON CONFLICT (task_name) DO NOTHING";
    private static final String TAKE = "DELETE FROM catalog_sync_reschedule_requests WHERE task_name = ? RETURNING 1";

    private final DataSource dataSource;
    private final String taskName;

    public JdbcRescheduleRequests(DataSource dataSource, String taskName) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.taskName = Objects.requireNonNull(taskName, "taskName");
    }

    @Override
    public void request() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(REQUEST)) {
            insert.setString(1, taskName);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new SchedulerAdapterException("Could not request one more run of " + taskName, e);
        }
    }

    @Override
    public boolean take() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(TAKE)) {
            delete.setString(1, taskName);
            try (ResultSet taken = delete.executeQuery()) {
                return taken.next();
            }
        } catch (SQLException e) {
            throw new SchedulerAdapterException("Could not take the request for one more run of " + taskName, e);
        }
    }
}
