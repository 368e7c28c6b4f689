package dev.catalogsync.adapters.scheduler.inbound.console;

import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.RouteRequest;
import dev.catalogsync.adapters.scheduler.inbound.http.RouteResponse;
import dev.catalogsync.application.flags.UnknownFeatureFlagException;
import java.sql.SQLException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every console action shares: its body read by {@link ActionRequest} (400 when it is not the action's), then
 * the action; 503 with {@code Retry-After} when the database could not be asked, 500 for anything else, neither
 * repeating the failure's message (which may hold SQL): the log has it. Every answer carries the console's
 * security headers.
 */
abstract class Action implements HttpRoute.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(Action.class);

    /** What the action does, for the log and the answers, e.g. {@code the partition round}. */
    private final String what;

    private final Set<String> fields;

    /** @param fields the body's fields besides {@code actor} */
    Action(String what, Set<String> fields) {
        this.what = what;
        this.fields = fields;
    }

    /** The action itself, with its body read. */
    abstract RouteResponse perform(ActionRequest request) throws ActionRequest.MalformedActionException;

    @Override
    public final RouteResponse handle(RouteRequest request) {
        RouteResponse answer;
        try {
            answer = perform(ActionRequest.parse(request.body(), fields));
        } catch (ActionRequest.MalformedActionException e) {
            answer = RouteResponse.error(400, e.getMessage());
        } catch (UnknownFeatureFlagException e) {
            answer = RouteResponse.error(400, "no such feature flag");
        } catch (RuntimeException e) {
            answer = failed(e);
        }
        return ConsoleAssets.secured(answer.withHeader("Cache-Control", "no-store"));
    }

    private RouteResponse failed(RuntimeException failure) {
        if (causedByTheDatabase(failure)) {
            LOG.warn("console: {} failed, the database could not be asked: {}", what, failure.toString());
            return RouteResponse.error(503, "the database is unavailable; try again")
                    .withHeader("Retry-After", "1");
        }
        LOG.warn("console: {} failed", what, failure);
        return RouteResponse.error(500, what + " failed; the service's log says why");
    }

    /** A JDBC failure anywhere in the chain: the pool's timeout, a refused connection, a cancelled statement. */
    private static boolean causedByTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
