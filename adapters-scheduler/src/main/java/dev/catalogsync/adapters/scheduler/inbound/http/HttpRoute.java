package dev.catalogsync.adapters.scheduler.inbound.http;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One endpoint of the {@link HttpServer}: the methods it answers, its exact path, the largest body it reads, and
 * what it does. The server answers a request for another path with 404, for this path with another method with
 * 405 (and {@code Allow}), and with a body larger than {@code maxBodyBytes} with 413, without calling the handler.
 *
 * @param methods the methods it answers, upper case, e.g. {@code POST}; kept in alphabetical order
 * @param path the exact path, e.g. {@code /health}: no prefix matching, no query string
 * @param maxBodyBytes the largest request body the server reads for it; 0 for a route that takes none
 * @param handler what it does
 */
public record HttpRoute(Set<String> methods, String path, int maxBodyBytes, Handler handler) {

    /**
     * What an endpoint does with a request. It runs on one of the server's bounded threads, with the whole body
     * read, so it may block briefly (a query), but should not wait on anything unbounded. An exception it throws is
     * logged and answered with 500; answer an expected failure (400, 503) with a {@link RouteResponse} instead.
     */
    @FunctionalInterface
    public interface Handler {
        RouteResponse handle(RouteRequest request);
    }

    public HttpRoute {
        Objects.requireNonNull(methods, "methods");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a route answers at least one method: " + path);
        }
        for (String method : methods) {
            if (!method.matches("[A-Z]+")) {
                throw new IllegalArgumentException("a method is an upper-case token, was '" + method + "'");
            }
        }
        if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("a route's path starts with '/' and has no query, was '" + path + "'");
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes cannot be negative, was " + maxBodyBytes);
        }
        methods = Collections.unmodifiableSortedSet(new TreeSet<>(methods));
    }

    /** A read without a body: {@code GET}, and {@code HEAD}, which gets GET's status and headers without the body. */
    public static HttpRoute get(String path, Handler handler) {
        return new HttpRoute(Set.of("GET", "HEAD"), path, 0, handler);
    }

    /** A {@code POST} whose body the server reads up to {@code maxBodyBytes}. */
    public static HttpRoute post(String path, int maxBodyBytes, Handler handler) {
        return new HttpRoute(Set.of("POST"), path, maxBodyBytes, handler);
    }
}
