package dev.catalogsync.adapters.scheduler.inbound.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a route sees of a request: no server types, so a route is tested by calling it.
 *
 * @param method the request method, upper case
 * @param path the decoded path, without the query string
 * @param headers each header's values in the order received; names compare without regard to case
 * @param body the whole body, at most the route's {@link HttpRoute#maxBodyBytes()}; empty when there was none
 */
public record RouteRequest(String method, String path, Map<String, List<String>> headers, byte[] body) {

    public RouteRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) ->
                copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /** The first value of the header {@code name} (in any case), if it was sent. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A copy of the body: the request stays as it was received. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** This request with {@code newBody} as its body. */
    public RouteRequest withBody(byte[] newBody) {
        return new RouteRequest(method, path, headers, newBody);
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + body.length + " bytes)";
    }
}
