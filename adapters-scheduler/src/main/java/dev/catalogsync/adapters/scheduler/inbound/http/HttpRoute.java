package dev.catalogsync.adapters.scheduler.inbound.http;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One endpoint of the {@link HttpServer}: the methods it answers, its exact path, the largest body it reads, what it
 * gives access to, and what it does. The server answers a request for another path with 404, for this path with
 * another method with 405 (and {@code Allow}), a request that its {@link Access} refuses with 421, 401, 403 or 415,
 * and a body larger than {@code maxBodyBytes} with 413, all without calling the handler.
 *
 * @param methods the methods it answers, upper case, e.g. {@code POST}; kept in alphabetical order
 * @param path the exact path, e.g. {@code /health}: no prefix matching, no query string
 * @param maxBodyBytes the largest request body the server reads for it; 0 for a route that takes none
 * @param access what it gives access to, which decides what the server asks of a request before calling it
 * @param handler what it does
 */
public record HttpRoute(Set<String> methods, String path, int maxBodyBytes, Access access, Handler handler) {

    /** The methods that never change state (RFC 9110's safe methods this server routes). */
    public static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    /**
     * What a route gives access to. The server, not the route, enforces what follows from it (see
     * {@link HttpAccess}), so that every endpoint added later is guarded the same way.
     */
    public enum Access {
        /**
         * A liveness answer from memory that any caller may have ({@code GET /health}): open to every client,
         * whatever the token, the {@code Host} or the load, and never queued behind other requests. GET and HEAD
         * only.
         */
        PROBE,
        /**
         * Static content from memory that holds no data, such as the console's page, script and style sheet: open to
         * every client like a probe (a browser must load the page before it can ask the operator for the token), but
         * taking its turn like any read. GET and HEAD only.
         */
        ASSET,
        /**
         * Reads state and changes nothing: GET and HEAD only. The {@code Host} must name this server, and the token
         * is needed when one is configured, unless reads are configured open.
         */
        READ_ONLY,
        /**
         * Changes state: POST, PUT, PATCH or DELETE, never GET or HEAD. The {@code Host} must name this server, a
         * browser request must come from a page of this server, the body must be {@code application/json}, and the
         * token is needed when one is configured.
         */
        STATE_CHANGING
    }

    /**
     * What an endpoint does with a request. It runs on one of the server's bounded threads, with the whole body
     * read, so it may block briefly (a query), but should not wait on anything unbounded. An exception it throws is
     * logged and answered with 500; answer an expected failure (400, 503) with a {@link RouteResponse} instead, in
     * words of its own: never an exception's message, which may hold SQL or a path.
     */
    @FunctionalInterface
    public interface Handler {
        RouteResponse handle(RouteRequest request);
    }

    public HttpRoute {
        Objects.requireNonNull(methods, "methods");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
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
        boolean safe = SAFE_METHODS.containsAll(methods);
        if (access == Access.STATE_CHANGING && methods.stream().anyMatch(SAFE_METHODS::contains)) {
            throw new IllegalArgumentException("a state-changing route cannot answer GET or HEAD, which browsers send "
                    + "from any page (links, images): " + methods + " " + path);
        }
        if (access != Access.STATE_CHANGING && !safe) {
            throw new IllegalArgumentException(
                    "a " + access + " route answers GET and HEAD only, was " + methods + " " + path);
        }
        methods = Collections.unmodifiableSortedSet(new TreeSet<>(methods));
    }

    /**
     * A route whose access follows from its methods: {@link Access#READ_ONLY} for GET and HEAD,
     * {@link Access#STATE_CHANGING} for any other.
     *
     * @throws IllegalArgumentException when it mixes GET or HEAD with another method: make two routes
     */
    public HttpRoute(Set<String> methods, String path, int maxBodyBytes, Handler handler) {
        this(methods, path, maxBodyBytes, accessOf(methods, path), handler);
    }

    /** A read without a body: {@code GET}, and {@code HEAD}, which gets GET's status and headers without the body. */
    public static HttpRoute get(String path, Handler handler) {
        return new HttpRoute(SAFE_METHODS, path, 0, Access.READ_ONLY, handler);
    }

    /** A {@link Access#PROBE}: {@code GET} and {@code HEAD}, open to every client. */
    public static HttpRoute probe(String path, Handler handler) {
        return new HttpRoute(SAFE_METHODS, path, 0, Access.PROBE, handler);
    }

    /** An {@link Access#ASSET}: {@code GET} and {@code HEAD} of content that holds no data, open to every client. */
    public static HttpRoute asset(String path, Handler handler) {
        return new HttpRoute(SAFE_METHODS, path, 0, Access.ASSET, handler);
    }

    /** A state-changing {@code POST} whose JSON body the server reads up to {@code maxBodyBytes}. */
    public static HttpRoute post(String path, int maxBodyBytes, Handler handler) {
        return new HttpRoute(Set.of("POST"), path, maxBodyBytes, Access.STATE_CHANGING, handler);
    }

    private static Access accessOf(Set<String> methods, String path) {
        Objects.requireNonNull(methods, "methods");
        if (SAFE_METHODS.containsAll(methods)) {
            return Access.READ_ONLY;
        }
        if (methods.stream().noneMatch(SAFE_METHODS::contains)) {
            return Access.STATE_CHANGING;
        }
        throw new IllegalArgumentException("a route either reads (GET, HEAD) or changes state (POST, ...), not both: "
                + methods + " " + path + "; make it two routes");
    }
}
