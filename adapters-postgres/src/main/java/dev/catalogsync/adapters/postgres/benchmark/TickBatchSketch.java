package dev.catalogsync.adapters.postgres.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A sketch of the queue past the ceiling of GitLab's schema, for the bench only (its script,
 * {@code tick-batch-sketch.sql}, says how it works): a batch is acknowledged by writing one position row, as PgQ
 * acknowledges its batches, instead of one new row version per event. The events table keeps every column
 * GitLab's code reads and gains one, the queuing transaction's id. Installing it alters the bench database's
 * queue for good: the bench runs it last.
 */
public final class TickBatchSketch {

    /** Events one call takes at most, as the worker's batch. */
    public static final int BATCH_SIZE = 1000;

    private final DataSource dataSource;

    public TickBatchSketch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds the column, the index, the ticks and the position, and the consumer's functions. Once. */
    public void install() {
        new Jdbc(dataSource).executeLong(SqlScript.read("tick-batch-sketch.sql"));
    }

    /** A consumer in this process: one round trip per batch, until it has caught up with now. */
    public long drain() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement next =
                        connection.prepareStatement("SELECT catalog_sync_sketch_next_batch(" + BATCH_SIZE + ")")) {
            long taken = 0;
            while (true) {
                int batch;
                try (ResultSet result = next.executeQuery()) {
                    result.next();
                    batch = result.getInt(1);
                }
                if (batch == 0) {
                    return taken;
                }
                taken += Math.max(batch, 0);
            }
        } catch (SQLException e) {
            throw Jdbc.failed("SELECT catalog_sync_sketch_next_batch(...)", e);
        }
    }

    /** The same consumer looped inside the server: the sketch's ceiling without round trips. */
    public ServerDrain drainInTheServer() {
        try (Connection connection = dataSource.getConnection();
                Statement session = connection.createStatement()) {
            String timeout = Jdbc.liftStatementTimeout(session);
            try (ResultSet result = session.executeQuery("CALL catalog_sync_sketch_drain_in_server(NULL, NULL)")) {
                result.next();
                return new ServerDrain(result.getLong(1), Duration.ofNanos((long) (result.getDouble(2) * 1e9)));
            } finally {
                Jdbc.restoreStatementTimeout(session, timeout);
            }
        } catch (SQLException e) {
            throw Jdbc.failed("CALL catalog_sync_sketch_drain_in_server()", e);
        }
    }
}
