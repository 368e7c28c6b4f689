/**
 * The service's HTTP endpoints on Jetty 12 core (no servlets). {@link
 * dev.catalogsync.adapters.scheduler.inbound.http.HttpServer} binds, limits and stops the server and answers
 * from a table of {@link dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute}s: an endpoint is a route
 * (methods, exact path, body limit, what it gives access to, handler from a
 * {@link dev.catalogsync.adapters.scheduler.inbound.http.RouteRequest} to a
 * {@link dev.catalogsync.adapters.scheduler.inbound.http.RouteResponse}), added without touching the server.
 * Who may call which route is one policy, {@link dev.catalogsync.adapters.scheduler.inbound.http.HttpAccess},
 * applied by the server to every route by its {@link dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute.Access}
 * (probe, asset, read-only, state-changing), so a route never checks a token or a header itself.
 * The routes today: the after-update callback ({@link dev.catalogsync.adapters.scheduler.inbound.http.ProjectUpdateHook},
 * over the inbound port {@code HandleProjectUpdate}) and the liveness probe
 * ({@link dev.catalogsync.adapters.scheduler.inbound.http.HealthCheck}); the console's live in
 * {@code inbound.console}.
 */
package dev.catalogsync.adapters.scheduler.inbound.http;
