package dev.catalogsync.adapters.postgres.benchmark;

import dev.catalogsync.adapters.postgres.PostgresAdapterException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The few JDBC moves the bench repeats: one statement on a pooled connection, committed on its own. */
final class Jdbc {

    /** The statement timeout of the bench's long setup statements, in PostgreSQL's notation. */
    static final String LONG_STATEMENT_TIMEOUT = "15min";

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs statements in order, each committed on its own (VACUUM and CREATE DATABASE need that). */
    void execute(String... statements) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw failed(statements[0], e);
        }
    }

    /** Runs statements in one transaction: all take effect or none. */
    void transaction(String... statements) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed(statements[0], e);
        }
    }

    /**
     * As {@link #execute}, with the pool's statement timeout lifted to {@link #LONG_STATEMENT_TIMEOUT} for these
     * statements only: building a million projects or vacuuming them outlasts the timeout meant for the service.
     */
    void executeLong(String... statements) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            String timeout = liftStatementTimeout(statement);
            try {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            } finally {
                restoreStatementTimeout(statement, timeout);
            }
        } catch (SQLException e) {
            throw failed(statements[0], e);
        }
    }

    /** Runs an update with whole-number parameters and returns its row count. */
    int update(String sql, long... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** The first column of the one row of a query with whole-number parameters. */
    long number(String sql, long... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new PostgresAdapterException("no row from: " + sql);
                }
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** The first column of the one row of a query, as text. */
    String text(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new PostgresAdapterException("no row from: " + sql);
            }
            return rows.getString(1);
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** Sets the session's statement timeout to {@link #LONG_STATEMENT_TIMEOUT}; returns the one it replaced. */
    static String liftStatementTimeout(Statement session) throws SQLException {
        return replaceSetting(session, "statement_timeout", LONG_STATEMENT_TIMEOUT);
    }

    /** Puts back what {@link #liftStatementTimeout} replaced, before the connection returns to the pool. */
    static void restoreStatementTimeout(Statement session, String timeout) throws SQLException {
        replaceSetting(session, "statement_timeout", timeout);
    }

    /**
     * Sets a setting for the session and returns the value it replaced, to be put back with this method before
     * the connection returns to the pool ({@code RESET} would fall back to the server's default, not the pool's).
     */
    static String replaceSetting(Statement session, String name, String value) throws SQLException {
        String previous;
        try (ResultSet rows = session.executeQuery("SELECT current_setting('" + name + "')")) {
            rows.next();
            previous = rows.getString(1);
        }
        session.execute("SET " + name + " = '" + value.replace("'", "''") + "'");
        return previous;
    }

    private static void bind(PreparedStatement statement, long... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setLong(i + 1, parameters[i]);
        }
    }

    static PostgresAdapterException failed(String sql, SQLException e) {
        String firstLine = sql.strip().lines().findFirst().orElse(sql);
        return new PostgresAdapterException("bench statement failed (" + firstLine + "): " + e.getMessage(), e);
    }
}
