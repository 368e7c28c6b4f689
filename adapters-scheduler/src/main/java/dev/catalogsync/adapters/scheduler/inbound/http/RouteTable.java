package dev.catalogsync.adapters.scheduler.inbound.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The Jetty handler behind {@link HttpServer}. For each request, in this order, each step answering without going
 * further when it refuses:
 *
 * <ol>
 *   <li>finds the route by exact path (404) and method (405);</li>
 *   <li>applies the {@link RequestGuard} to the headers (421, 401, 403, 415);</li>
 *   <li>refuses a declared length over the route's limit (413), then reads the body chunk by chunk as it arrives,
 *       without holding a thread while the client is slow to send it, up to the route's limit (413) and within the
 *       body deadline (408);</li>
 *   <li>only then, with the whole request in hand, takes its turn in the {@link WorkLimit} (503 when the queue is
 *       full), so that a client that never finishes its body holds a connection, never a turn; a probe skips the
 *       queue;</li>
 *   <li>calls the route and writes its answer ({@link RouteInvoker}).</li>
 * </ol>
 *
 * <p>A blocking handler (Jetty's default): Jetty calls it, and the demand callbacks that go on reading the body, on a
 * thread of the pool, never on the selector, so a route may run a query.
 */
final class RouteTable extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);

    /** Path, then method, to route. */
    private final Map<String, Map<String, HttpRoute>> routes;

    private final RequestGuard guard;
    private final WorkLimit limit;
    private final Duration bodyDeadline;

    RouteTable(List<HttpRoute> table, RequestGuard guard, HttpServer.Limits limits) {
        this(byPathAndMethod(table), guard, new WorkLimit(limits, new RouteInvoker()), limits.bodyDeadline());
    }

    private RouteTable(
            Map<String, Map<String, HttpRoute>> routes, RequestGuard guard, WorkLimit limit, Duration bodyDeadline) {
        super(limit);
        this.routes = routes;
        this.guard = guard;
        this.limit = limit;
        this.bodyDeadline = bodyDeadline;
    }

    private static Map<String, Map<String, HttpRoute>> byPathAndMethod(List<HttpRoute> table) {
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
        return Map.copyOf(byPath);
    }

    /** Requests waiting for a turn now. */
    int waiting() {
        return limit.waiting();
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
        RouteRequest head = new RouteRequest(request.getMethod(), path, headers(request.getHeaders()), new byte[0]);
        Optional<RouteResponse> refusal = guard.refusal(route, head);
        if (refusal.isPresent()) {
            write(response, callback, refusal.get());
            return true;
        }
        if (request.getLength() > route.maxBodyBytes()) {
            // Declared too large: answered before a byte of it is read (no 100-continue either).
            write(response, callback, tooLarge(route));
            return true;
        }
        new BodyReader(route, head, request, response, callback).run();
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

    private static Map<String, List<String>> headers(HttpFields fields) {
        Map<String, List<String>> headers = new HashMap<>();
        for (HttpField field : fields) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    /** The whole request is in hand: a probe is answered at once, any other route takes its turn first. */
    private void dispatch(RouteInvoker.Call call, Request request, Response response, Callback callback) {
        if (call.route().access() == HttpRoute.Access.PROBE) {
            RouteInvoker.invoke(call, response, callback);
            return;
        }
        request.setAttribute(RouteInvoker.CALL_ATTRIBUTE, call);
        try {
            if (!limit.handle(request, response, callback)) {
                write(
                        response,
                        callback,
                        RouteInvoker.failed(request.getMethod(), call.request().path()));
            }
        } catch (Exception e) {
            LOG.warn("{} {} failed", request.getMethod(), call.request().path(), e);
            callback.failed(e);
        }
    }

    /**
     * Reads one request's body chunk by chunk as it arrives (asking Jetty to call back when more is there, rather
     * than blocking a thread on a slow client), stops at the route's limit or the deadline, then dispatches.
     */
    private final class BodyReader implements Runnable {

        private final HttpRoute route;
        private final RouteRequest head;
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final long deadline;

        BodyReader(HttpRoute route, RouteRequest head, Request request, Response response, Callback callback) {
            this.route = route;
            this.head = head;
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.deadline = System.nanoTime() + bodyDeadline.toNanos();
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
                    dispatch(
                            new RouteInvoker.Call(route, head.withBody(body.toByteArray())),
                            request,
                            response,
                            callback);
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    // A client that stops sending is closed by the idle timeout; this one goes on, a few bytes at
                    // a time, which would hold the connection for as long as it likes.
                    write(
                            response,
                            callback,
                            RouteResponse.error(
                                    408, "the body did not arrive within " + HttpServer.describe(bodyDeadline)));
                    return;
                }
            }
        }
    }
}
