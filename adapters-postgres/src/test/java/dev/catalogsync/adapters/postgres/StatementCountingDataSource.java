package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.JdbcProxies.afterEachCall;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that counts the statements prepared or created on its connections, and the commits and rollbacks
 * asked of them: each is one round trip to the server, the cost a set-based adapter keeps constant.
 */
final class StatementCountingDataSource {

    private final AtomicInteger statements = new AtomicInteger();
    private final DataSource dataSource;

    StatementCountingDataSource(DataSource target) {
        this.dataSource = afterEachCall(
                DataSource.class,
                target,
                (method, arguments, result) -> method.getName().equals("getConnection")
                        ? afterEachCall(Connection.class, (Connection) result, this::countStatements)
                        : result);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** How many statements {@code work} issued. */
    int statementsIssuedBy(Runnable work) {
        int before = statements.get();
        work.run();
        return statements.get() - before;
    }

    private Object countStatements(Method method, Object[] arguments, Object result) {
        String name = method.getName();
        if (name.equals("createStatement")
                || name.startsWith("prepare")
                || name.equals("commit")
                || name.equals("rollback")) {
            statements.incrementAndGet();
        }
        return result;
    }
}
