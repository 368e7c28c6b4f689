package dev.catalogsync.adapters.postgres;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that counts the statements prepared or created on its connections: each is one round trip
 * to the server, the cost a set-based adapter keeps constant.
 */
final class StatementCountingDataSource {

    private final AtomicInteger statements = new AtomicInteger();
    private final DataSource dataSource;

    StatementCountingDataSource(DataSource target) {
        this.dataSource = proxy(DataSource.class, target, (method, result) ->
                method.getName().equals("getConnection")
                        ? proxy(Connection.class, (Connection) result, this::countStatements)
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

    private Object countStatements(Method method, Object result) {
        String name = method.getName();
        if (name.equals("createStatement") || name.startsWith("prepare")) {
            statements.incrementAndGet();
        }
        return result;
    }

    @FunctionalInterface
    private interface AfterCall {
        Object apply(Method method, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, AfterCall afterCall) {
        InvocationHandler handler = (ignored, method, arguments) -> {
            try {
                return afterCall.apply(method, method.invoke(target, arguments));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
