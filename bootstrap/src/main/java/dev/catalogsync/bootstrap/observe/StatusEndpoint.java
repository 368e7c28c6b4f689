package dev.catalogsync.bootstrap.observe;

import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.RouteRequest;
import dev.catalogsync.adapters.scheduler.inbound.http.RouteResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /status}: the {@link StatusDocument}, 200; 503 with {@code {"error": "..."}} (one safe line) when the
 * database does not answer. Each request counts the pending events (one scan of the pending index): for people and
 * consoles, not for scraping every second; metrics are at {@code /metrics}.
 */
public final class StatusEndpoint implements HttpRoute.Handler {

    public static final String PATH = "/status";

    private static final Logger LOG = LoggerFactory.getLogger(StatusEndpoint.class);

    private final Supplier<StatusDocument> document;

    public StatusEndpoint(Supplier<StatusDocument> document) {
        this.document = document;
    }

    public static HttpRoute route(Supplier<StatusDocument> document) {
        return HttpRoute.get(PATH, new StatusEndpoint(document));
    }

    @Override
    public RouteResponse handle(RouteRequest request) {
        StatusDocument status;
        try {
            status = document.get();
        } catch (RuntimeException e) {
            String reason = SafeMessage.of(e);
            LOG.warn("status unavailable: {}", reason);
            return RouteResponse.error(503, "status unavailable: " + reason);
        }
        return RouteResponse.of(
                200, RouteResponse.JSON_CONTENT_TYPE, status.toJson().getBytes(StandardCharsets.UTF_8));
    }
}
