package dev.catalogsync.adapters.postgres.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * What GitLab's schema costs per event with nothing around it: the drain looped inside the server, one
 * statement per batch of 1000 that takes the pending events, copies their projects onto their resources and
 * flips them to processed ({@link Mode#FLIP}); or only flips them ({@link Mode#FLIP_ONLY}), to see what the flip
 * alone costs. Each batch is committed, as a worker commits it. Every flip writes a new row version (never a HOT update, since the partial index's predicate
 * names {@code status}) and a primary-key index entry.
 */
public final class SchemaCeiling {

    /** What each batch does. */
    public enum Mode {
        FLIP("flip"),
        FLIP_ONLY("flip-only");

        private final String argument;

        Mode(String argument) {
            this.argument = argument;
        }
    }

    private final DataSource dataSource;

    /** Installs the looping function on the bench database. */
    public SchemaCeiling(DataSource dataSource) {
        this.dataSource = dataSource;
        new Jdbc(dataSource).execute(SqlScript.read("schema-ceiling.sql"));
    }

    /** Drains every pending event inside the server, one statement per batch. */
    public ServerDrain drainInTheServer(Mode mode) {
        // A literal, not a bind value: pgjdbc sends a CALL with parameters in a way that PostgreSQL rejects for
        // a procedure. The argument is one of this enum's constants.
        String call = "CALL catalog_sync_bench_drain_in_server('" + mode.argument + "', NULL, NULL)";
        try (Connection connection = dataSource.getConnection();
                Statement session = connection.createStatement()) {
            String timeout = Jdbc.liftStatementTimeout(session);
            try (ResultSet result = session.executeQuery(call)) {
                result.next();
                return new ServerDrain(result.getLong(1), Duration.ofNanos((long) (result.getDouble(2) * 1e9)));
            } finally {
                Jdbc.restoreStatementTimeout(session, timeout);
            }
        } catch (SQLException e) {
            throw Jdbc.failed(call, e);
        }
    }
}
