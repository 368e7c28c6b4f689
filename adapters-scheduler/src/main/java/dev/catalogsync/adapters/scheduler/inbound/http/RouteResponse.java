package dev.catalogsync.adapters.scheduler.inbound.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a route answers: a status, headers and a body, written by the server as given (with the body's
 * {@code Content-Length}).
 *
 * @param status the HTTP status, 200 to 599
 * @param headers header names (compared without regard to case) and values
 * @param body the body; empty for none, and always empty for 204 and 304
 */
public record RouteResponse(int status, Map<String, String> headers, byte[] body) {

    public static final String CONTENT_TYPE = "Content-Type";
    public static final String JSON_CONTENT_TYPE = "application/json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public RouteResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("a route answers with a status from 200 to 599, was " + status);
        }
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
        body = body.clone();
        if ((status == 204 || status == 304) && body.length > 0) {
            throw new IllegalArgumentException("a " + status + " response has no body");
        }
    }

    /** {@code value} written by Jackson (a record, a map, a {@code JsonNode}...) as {@code application/json}. */
    public static RouteResponse json(int status, Object value) {
        try {
            return new RouteResponse(status, Map.of(CONTENT_TYPE, JSON_CONTENT_TYPE), JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** {@code {"error": message}}: every error this service answers has this shape. */
    public static RouteResponse error(int status, String message) {
        return json(status, JSON.createObjectNode().put("error", message));
    }

    /** A status and no body, e.g. 204. */
    public static RouteResponse empty(int status) {
        return new RouteResponse(status, Map.of(), new byte[0]);
    }

    /** A body of any type, e.g. an HTML page or the metrics' text format. */
    public static RouteResponse of(int status, String contentType, byte[] body) {
        return new RouteResponse(status, Map.of(CONTENT_TYPE, contentType), body);
    }

    /** This response with the header {@code name} set to {@code value}, replacing any value it had. */
    public RouteResponse withHeader(String name, String value) {
        Map<String, String> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        more.putAll(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new RouteResponse(status, more, body);
    }

    /** A copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return status + " " + headers + " (" + body.length + " bytes)";
    }
}
