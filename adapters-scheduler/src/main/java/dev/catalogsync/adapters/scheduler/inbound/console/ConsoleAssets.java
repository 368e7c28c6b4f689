package dev.catalogsync.adapters.scheduler.inbound.console;

import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.RouteResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The console's page, script and style sheet, read once from the jar and served from memory as
 * {@link HttpRoute.Access#ASSET}s: they hold no data (the script reads {@code GET /status} with the operator's
 * token), so a browser loads them before it has a token to send. Every answer carries headers that keep the page
 * from running anything but its own script ({@code Content-Security-Policy: default-src 'self'}, no inline script
 * or style), from being framed by another site, from leaking its address, and from being read as another type.
 */
public final class ConsoleAssets {

    public static final String PAGE_PATH = "/";
    public static final String SCRIPT_PATH = "/console/app.js";
    public static final String STYLE_PATH = "/console/app.css";

    /** The security headers of every console answer. */
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy",
            "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options",
            "nosniff",
            "Referrer-Policy",
            "no-referrer",
            "X-Frame-Options",
            "DENY");

    /** The browser asks again each time (the files are small), so a new version of the jar is seen at once. */
    static final String CACHE_CONTROL = "no-cache";

    private ConsoleAssets() {}

    /** The three routes, each file read now: a jar without them fails here, at start, not on the first visit. */
    public static List<HttpRoute> routes() {
        return List.of(
                route(PAGE_PATH, "index.html", "text/html; charset=utf-8"),
                route(SCRIPT_PATH, "app.js", "text/javascript; charset=utf-8"),
                route(STYLE_PATH, "app.css", "text/css; charset=utf-8"));
    }

    /** {@code answer} with the console's security headers. */
    static RouteResponse secured(RouteResponse answer) {
        RouteResponse secured = answer;
        for (Map.Entry<String, String> header : SECURITY_HEADERS.entrySet()) {
            secured = secured.withHeader(header.getKey(), header.getValue());
        }
        return secured;
    }

    private static HttpRoute route(String path, String file, String contentType) {
        RouteResponse answer =
                secured(RouteResponse.of(200, contentType, read(file)).withHeader("Cache-Control", CACHE_CONTROL));
        return HttpRoute.asset(path, request -> answer);
    }

    private static byte[] read(String file) {
        String resource = "/console/" + file;
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(resource)) {
            return Objects.requireNonNull(in, () -> "the jar lacks " + resource).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the jar", e);
        }
    }
}
