package dev.catalogsync.adapters.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * Runs one statement as a transaction of its own, in one round trip, with settings that hold for that transaction
 * only: how long it may run, how long it may wait for a lock, whether its commit waits for the WAL flush, and any
 * planner settings the statement needs.
 *
 * <p>How: the statement is sent together with a {@code SELECT set_config(..., true)} before it, as one JDBC
 * statement. pgjdbc sends both in one message sequence ending in one Sync, which PostgreSQL runs as one implicit
 * transaction: {@code set_config(name, value, true)} is {@code SET LOCAL}, so the settings apply to the statement
 * that follows and vanish with the transaction, leaving the pooled session's own settings untouched; the
 * transaction commits at the Sync, or rolls back as a whole if either statement fails. On a connection that is not
 * in auto-commit (a host's pool may hand out such), the same text runs inside the connection's transaction, which is
 * committed (or rolled back) here: one more round trip, the same outcome.
 */
final class BoundedTransaction {

    /** Binds the statement's own parameters, starting at {@code first}. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement, int first) throws SQLException;
    }

    /** Reads the statement's one result row. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * @param statementTimeout longest the statement runs before the server cancels it (and the transaction)
     * @param lockTimeout longest it waits for any one lock
     * @param synchronousCommit {@code false} to let the commit return before its WAL record is flushed: a server
     *     crash in the next few hundred milliseconds may then lose the transaction as a whole, never part of it
     */
    record Limits(Duration statementTimeout, Duration lockTimeout, boolean synchronousCommit) {

        Limits {
            requirePositive(statementTimeout, "statementTimeout");
            requirePositive(lockTimeout, "lockTimeout");
        }

        private static void requirePositive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive (0 would mean no limit), was " + duration);
            }
        }
    }

    private final DSLContext dsl;
    private final Map<String, String> settings;
    private final String preamble;

    /** @param plannerSettings more settings for the transaction, by name, e.g. {@code enable_seqscan = off} */
    BoundedTransaction(DSLContext dsl, Limits limits, Map<String, String> plannerSettings) {
        this.dsl = dsl;
        Map<String, String> all = new LinkedHashMap<>();
        all.put("statement_timeout", limits.statementTimeout().toMillis() + "ms");
        all.put("lock_timeout", limits.lockTimeout().toMillis() + "ms");
        all.put("synchronous_commit", limits.synchronousCommit() ? "on" : "off");
        all.putAll(plannerSettings);
        this.settings = Collections.unmodifiableMap(all);
        this.preamble =
                "SELECT " + String.join(", ", Collections.nCopies(all.size(), "set_config(?, ?, true)")) + ";\n";
    }

    /**
     * Runs {@code statement} (one SQL statement that returns exactly one row) under the limits and reads its row.
     *
     * @throws org.jooq.exception.DataAccessException when it fails, nothing of it committed; the SQL state says why
     *     ({@code 57014} cancelled by the statement timeout, {@code 55P03} a lock not granted in time)
     */
    <T> T queryOneRow(String statement, Binder binder, RowReader<T> reader) {
        return dsl.connectionResult(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            try {
                T result = run(connection, statement, binder, reader);
                if (!autoCommit) {
                    connection.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (!autoCommit) {
                    connection.rollback();
                }
                throw e;
            }
        });
    }

    private <T> T run(Connection connection, String statement, Binder binder, RowReader<T> reader) throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(preamble + statement)) {
            int parameter = 1;
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                prepared.setString(parameter++, setting.getKey());
                prepared.setString(parameter++, setting.getValue());
            }
            binder.bind(prepared, parameter);
            prepared.execute();
            // The first result is set_config's row; the statement's own is the second.
            if (!prepared.getMoreResults()) {
                throw new SQLException("the statement returned no rows: " + statement);
            }
            try (ResultSet row = prepared.getResultSet()) {
                if (!row.next()) {
                    throw new SQLException("the statement returned no rows: " + statement);
                }
                return reader.read(row);
            }
        }
    }
}
