package dev.catalogsync.adapters.postgres;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/** JDBC objects that do what their target does, then let a test look at each call and its result. */
final class JdbcProxies {

    /** Sees one call after the target made it; returns what the caller gets, usually {@code result} itself. */
    @FunctionalInterface
    interface AfterCall {
        Object apply(Method method, Object[] arguments, Object result) throws Exception;
    }

    private JdbcProxies() {}

    /** {@code target} behind {@code type}, each call passed to {@code afterCall} once the target has returned. */
    static <T> T afterEachCall(Class<T> type, T target, AfterCall afterCall) {
        InvocationHandler handler = (ignored, method, arguments) -> {
            Object result;
            try {
                result = method.invoke(target, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return afterCall.apply(method, arguments, result);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
