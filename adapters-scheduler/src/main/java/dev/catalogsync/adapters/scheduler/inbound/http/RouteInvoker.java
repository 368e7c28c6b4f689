package dev.catalogsync.adapters.scheduler.inbound.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a route with its whole request and writes what it answers. Reached from {@link RouteTable} through the
 * {@link WorkLimit}, with the route and the request it read in {@link #CALL_ATTRIBUTE}, or directly for a probe.
 */
final class RouteInvoker extends Handler.Abstract {

    /** Carries a {@link Call} from the route table, past the work limit, to here. */
    static final String CALL_ATTRIBUTE = RouteInvoker.class.getName() + ".call";

    private static final Logger LOG = LoggerFactory.getLogger(RouteInvoker.class);

    /** A request whose body has been read, and the route that answers it. */
    record Call(HttpRoute route, RouteRequest request) {}

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!(request.getAttribute(CALL_ATTRIBUTE) instanceof Call call)) {
            return false;
        }
        invoke(call, response, callback);
        return true;
    }

    static void invoke(Call call, Response response, Callback callback) {
        RouteRequest view = call.request();
        RouteResponse answer;
        try {
            answer = call.route().handler().handle(view);
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", view.method(), view.path(), e);
            answer = failed(view.method(), view.path());
        }
        RouteTable.write(response, callback, answer);
    }

    /** A 500 that names the request, not the failure: its message may hold SQL or a path; the log has it. */
    static RouteResponse failed(String method, String path) {
        return RouteResponse.error(500, "the server failed to answer " + method + " " + path + "; its log says why");
    }
}
