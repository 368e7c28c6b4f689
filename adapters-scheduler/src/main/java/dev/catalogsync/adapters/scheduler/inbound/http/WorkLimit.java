package dev.catalogsync.adapters.scheduler.inbound.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many requests run routes at once, and how many may wait for a turn: Jetty's {@link QoSHandler}, answering in
 * our words. A request gets here only once its body is read, so a slow sender waits for nothing here and holds
 * nothing here. Past the running limit a request waits, without a thread, in a queue bounded in length and in time;
 * past either bound it is answered 503 with {@code Retry-After}.
 */
final class WorkLimit extends QoSHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WorkLimit.class);

    /** Seconds a client is asked to wait before it tries again. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final HttpServer.Limits limits;

    WorkLimit(HttpServer.Limits limits, Handler routes) {
        super(routes);
        this.limits = limits;
        setMaxRequestCount(limits.maxConcurrentRequests());
        setMaxSuspendedRequestCount(limits.maxWaitingRequests());
        setMaxSuspend(limits.maxWait());
    }

    /** Requests waiting for a turn now. */
    int waiting() {
        return getSuspendedRequestCount();
    }

    /** The queue is full, or a request waited its longest: 503, never Jetty's HTML page. */
    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        RouteTable.write(response, callback, busy());
    }

    @Override
    protected void failSuspended(Request request, Response response, Callback callback, int status, Throwable failure) {
        if (status == 503) {
            RouteTable.write(response, callback, busy());
            return;
        }
        LOG.warn(
                "{} {} failed after waiting for its turn",
                request.getMethod(),
                Request.getPathInContext(request),
                failure);
        RouteTable.write(
                response, callback, RouteInvoker.failed(request.getMethod(), Request.getPathInContext(request)));
    }

    private RouteResponse busy() {
        return RouteResponse.error(
                        503,
                        "the server is busy: " + limits.maxConcurrentRequests() + " requests run and "
                                + limits.maxWaitingRequests() + " wait at most; try again")
                .withHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
}
