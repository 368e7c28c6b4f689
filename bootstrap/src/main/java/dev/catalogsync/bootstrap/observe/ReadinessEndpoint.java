package dev.catalogsync.bootstrap.observe;

import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.RouteRequest;
import dev.catalogsync.adapters.scheduler.inbound.http.RouteResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /ready} (readiness): 200 {@code {"status":"ready","checks":{..}}} when every {@link Readiness} check
 * passes, else 503 {@code {"status":"not_ready","failing":["database",..],"checks":{..}}}; each check as
 * {@code {"ok":true|false,"detail":"..."}}. Reads the last sample, so it costs no query.
 */
public final class ReadinessEndpoint implements HttpRoute.Handler {

    public static final String PATH = "/ready";

    private final Readiness readiness;

    public ReadinessEndpoint(Readiness readiness) {
        this.readiness = readiness;
    }

    public static HttpRoute route(Readiness readiness) {
        return HttpRoute.probe(PATH, new ReadinessEndpoint(readiness));
    }

    @Override
    public RouteResponse handle(RouteRequest request) {
        Readiness.Report report = readiness.report();
        Map<String, Object> checks = new LinkedHashMap<>();
        report.checks().forEach(check -> checks.put(check.name(), Map.of("ok", check.ok(), "detail", check.detail())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.ready() ? "ready" : "not_ready");
        if (!report.ready()) {
            body.put(
                    "failing",
                    report.failing().stream().map(Readiness.Check::name).toList());
        }
        body.put("checks", checks);
        return RouteResponse.json(report.ready() ? 200 : 503, body);
    }
}
