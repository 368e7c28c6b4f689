package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.JdbcProxies.afterEachCall;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A data source that hands the SQL of each statement its connections run to a test, right after the server
 * answered it and before the caller sees the answer: the point where a test can make a process "crash" between
 * one statement of a transaction and the next, without a hook in production code.
 */
final class StatementObservingDataSource {

    private StatementObservingDataSource() {}

    /** {@code target}, with {@code afterStatement} called on the calling thread after each statement it runs. */
    static DataSource observing(DataSource target, Consumer<String> afterStatement) {
        return afterEachCall(
                DataSource.class,
                target,
                (method, arguments, result) -> method.getName().equals("getConnection")
                        ? observing((Connection) result, afterStatement)
                        : result);
    }

    private static Connection observing(Connection connection, Consumer<String> afterStatement) {
        return afterEachCall(Connection.class, connection, (method, arguments, result) -> {
            if (method.getName().equals("createStatement")) {
                return observing(method, (Statement) result, null, afterStatement);
            }
            if (method.getName().startsWith("prepare")) {
                return observing(method, (Statement) result, (String) arguments[0], afterStatement);
            }
            return result;
        });
    }

    /** @param preparedSql the SQL the statement was prepared with, or null for a plain statement given it per call */
    private static Object observing(
            Method made, Statement statement, String preparedSql, Consumer<String> afterStatement) {
        @SuppressWarnings("unchecked")
        Class<Statement> type = (Class<Statement>) made.getReturnType();
        return afterEachCall(type, statement, (method, arguments, result) -> {
            if (method.getName().startsWith("execute")) {
                boolean sqlGiven = arguments != null && arguments.length > 0 && arguments[0] instanceof String;
                afterStatement.accept(sqlGiven ? (String) arguments[0] : preparedSql);
            }
            return result;
        });
    }
}
