package dev.catalogsync.adapters.scheduler.inbound.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty handler behind {@link HttpServer}: finds the route by exact path and method, reads the body up to the
 * route's limit without holding a thread while the client is slow to send it, calls the route, writes its answer.
 *
 * <p>A blocking handler (Jetty's default for {@link Handler.Abstract}): Jetty calls it, and the demand callbacks
 * that go on reading the body, on a thread of the pool, never on the selector, so a route may run a query.
 */
final class RouteTable extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);

    /** Path, then method, to route. */
    private final Map<String, Map<String, HttpRoute>> routes;

    RouteTable(List<HttpRoute> table) {
        Map<String, Map<String, HttpRoute>> byPath = new HashMap<>();
        for (HttpRoute route : table) {
            Map<String, HttpRoute> byMethod = byPath.computeIfAbsent(route.path(), path -> new TreeMap<>());
            for (String method : route.methods()) {
                if (byMethod.putIfAbsent(method, route) != null) {
                    throw new IllegalArgumentException("two routes answer " + method + " " + route.path());
                }
            }
        }
        byPath.replaceAll((path, byMethod) -> Collections.unmodifiableMap(byMethod));
        this.routes = Map.copyOf(byPath);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Map<String, HttpRoute> byMethod = routes.get(path);
        if (byMethod == null) {
            write(response, callback, RouteResponse.error(404, "no such endpoint: " + path));
            return true;
        }
        HttpRoute route = byMethod.get(request.getMethod());
        if (route == null) {
            String allow = String.join(", ", new TreeSet<>(byMethod.keySet()));
            write(
                    response,
                    callback,
                    RouteResponse.error(405, path + " accepts " + allow + " only")
                            .withHeader("Allow", allow));
            return true;
        }
        if (request.getLength() > route.maxBodyBytes()) {
            // Declared too large: answered before a byte of it is read (no 100-continue either).
            write(response, callback, tooLarge(route));
            return true;
        }
        new Exchange(route, request, response, callback).run();
        return true;
    }

    private static RouteResponse tooLarge(HttpRoute route) {
        return RouteResponse.error(413, "body is larger than " + route.maxBodyBytes() + " bytes");
    }

    static void write(Response response, Callback callback, RouteResponse answer) {
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        answer.headers().forEach(headers::put);
        byte[] body = answer.body();
        if (body.length == 0) {
            callback.succeeded();
            return;
        }
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * One request: reads the body chunk by chunk as it arrives (asking Jetty to call back when more is there,
     * rather than blocking a thread on a slow client), stops at the route's limit, then answers.
     */
    private static final class Exchange implements Runnable {

        private final HttpRoute route;
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Exchange(HttpRoute route, Request request, Response response, Callback callback) {
            this.route = route;
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    callback.failed(chunk.getFailure());
                    return;
                }
                boolean last = chunk.isLast();
                boolean fits;
                try {
                    ByteBuffer bytes = chunk.getByteBuffer();
                    fits = body.size() + bytes.remaining() <= route.maxBodyBytes();
                    if (fits) {
                        byte[] copy = new byte[bytes.remaining()];
                        bytes.get(copy);
                        body.write(copy, 0, copy.length);
                    }
                } finally {
                    chunk.release();
                }
                if (!fits) {
                    write(response, callback, tooLarge(route));
                    return;
                }
                if (last) {
                    answer();
                    return;
                }
            }
        }

        private void answer() {
            RouteRequest view = new RouteRequest(
                    request.getMethod(),
                    Request.getPathInContext(request),
                    headers(request.getHeaders()),
                    body.toByteArray());
            RouteResponse answer;
            try {
                answer = route.handler().handle(view);
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed", view.method(), view.path(), e);
                answer = RouteResponse.error(
                        500, "the server failed to answer " + view.method() + " " + view.path() + "; its log says why");
            }
            write(response, callback, answer);
        }

        private static Map<String, List<String>> headers(HttpFields fields) {
            Map<String, List<String>> headers = new HashMap<>();
            for (HttpField field : fields) {
                headers.computeIfAbsent(field.getName(), name -> new ArrayList<>())
                        .add(field.getValue());
            }
            return headers;
        }
    }
}
