package dev.catalogsync.adapters.scheduler.inbound.http;

import java.util.Map;

/**
 * {@code GET /health}: 200 {@code {"status":"ok"}} while the server runs. Liveness only: it asks nothing of the
 * database, so an outage does not get a healthy process restarted.
 */
public final class HealthCheck implements HttpRoute.Handler {

    public static final String HEALTH_PATH = "/health";

    private static final RouteResponse OK = RouteResponse.json(200, Map.of("status", "ok"));

    /** The route: {@code GET} (and {@code HEAD}) {@value #HEALTH_PATH}, a probe open to every client. */
    public static HttpRoute route() {
        return HttpRoute.probe(HEALTH_PATH, new HealthCheck());
    }

    @Override
    public RouteResponse handle(RouteRequest request) {
        return OK;
    }
}
