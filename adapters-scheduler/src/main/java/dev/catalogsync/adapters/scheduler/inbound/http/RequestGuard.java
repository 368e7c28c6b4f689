package dev.catalogsync.adapters.scheduler.inbound.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Applies an {@link HttpAccess} to one request, from its method, path and headers alone, before its body is read:
 * the answer that refuses it, or none when the route may have it. The checks, in order: {@code Host} (421), the
 * token (401, 403), where a browser request comes from (403), the content type (415).
 */
final class RequestGuard {

    static final String AUTHORIZATION = "Authorization";
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String BEARER_CHALLENGE = "Bearer realm=\"catalog-sync\"";

    /** A browser sending a request from a page of this very origin, or on the user's own initiative. */
    private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");

    /** Longest piece of a client's header repeated in an answer. */
    private static final int ECHO_LIMIT = 100;

    private final HttpAccess access;

    RequestGuard(HttpAccess access) {
        this.access = access;
    }

    Optional<RouteResponse> refusal(HttpRoute route, RouteRequest request) {
        if (route.access() == HttpRoute.Access.PROBE || route.access() == HttpRoute.Access.ASSET) {
            return Optional.empty();
        }
        Optional<HostHeader> host = request.header("Host").flatMap(HostHeader::parse);
        if (host.isEmpty() || !accepted(host.get())) {
            return Optional.of(RouteResponse.error(
                    421,
                    "the Host header "
                            + request.header("Host")
                                    .map(value -> "'" + echo(value) + "'")
                                    .orElse("(none)")
                            + " does not name this server: use its address, localhost, or a name configured as one "
                            + "of its public names"));
        }
        if (access.needsToken(route.access())) {
            Optional<RouteResponse> unauthorized = unauthorized(request);
            if (unauthorized.isPresent()) {
                return unauthorized;
            }
        }
        if (route.access() == HttpRoute.Access.STATE_CHANGING) {
            Optional<RouteResponse> crossSite = crossSite(request, host.get());
            if (crossSite.isPresent()) {
                return crossSite;
            }
            return unsupportedContentType(request);
        }
        return Optional.empty();
    }

    /**
     * An address cannot be the name of a DNS rebinding attack, nor can {@code localhost}: only a name the attacker
     * controls can, and those are refused unless configured as ours.
     */
    private boolean accepted(HostHeader host) {
        return host.isAddress()
                || host.host().equals("localhost")
                || access.publicNames().contains(host.host());
    }

    private Optional<RouteResponse> unauthorized(RouteRequest request) {
        Optional<String> credentials = request.header(AUTHORIZATION);
        if (credentials.isEmpty()) {
            return Optional.of(challenge("this endpoint needs an 'Authorization: Bearer <token>' header"));
        }
        String value = credentials.get().trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Optional.of(challenge("this endpoint takes a bearer token only: 'Authorization: Bearer <token>'"));
        }
        boolean matches =
                access.token().orElseThrow().matches(value.substring(space + 1).trim());
        return matches
                ? Optional.empty()
                : Optional.of(RouteResponse.error(403, "the bearer token is not this server's"));
    }

    private static RouteResponse challenge(String message) {
        return RouteResponse.error(401, message).withHeader(WWW_AUTHENTICATE, BEARER_CHALLENGE);
    }

    /** What browsers tell of a request's origin; other clients send neither header, and are not refused for it. */
    private Optional<RouteResponse> crossSite(RouteRequest request, HostHeader host) {
        Optional<String> site =
                request.header("Sec-Fetch-Site").map(value -> value.trim().toLowerCase(Locale.ROOT));
        if (site.isPresent() && !OWN_FETCH_SITES.contains(site.get())) {
            return Optional.of(RouteResponse.error(
                    403, "requests from another site's pages are refused (Sec-Fetch-Site: " + echo(site.get()) + ")"));
        }
        Optional<String> origin = request.header("Origin");
        if (origin.isPresent() && !sameOrigin(origin.get(), host)) {
            return Optional.of(RouteResponse.error(
                    403, "requests from pages of another origin are refused (Origin: " + echo(origin.get()) + ")"));
        }
        return Optional.empty();
    }

    /** The origin's host is the one the request was sent to, and so is its port when {@code Host} names one. */
    private static boolean sameOrigin(String origin, HostHeader host) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return false; // "null": a sandboxed frame, a file, a redirect across origins
        }
        Optional<HostHeader> from = HostHeader.parse(uri.getRawAuthority());
        if (from.isEmpty() || !from.get().host().equals(host.host())) {
            return false;
        }
        if (host.port().isEmpty()) {
            return true;
        }
        OptionalInt originPort = from.get().port().isPresent()
                ? from.get().port()
                : defaultPort(uri.getScheme().toLowerCase(Locale.ROOT));
        return originPort.equals(host.port());
    }

    private static OptionalInt defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> OptionalInt.of(80);
            case "https" -> OptionalInt.of(443);
            default -> OptionalInt.empty();
        };
    }

    /**
     * {@code application/json}, UTF-8 if a charset is named (RFC 8259). Also for a state-changing request without a
     * body: a form or a script of another origin could send that one without a preflight otherwise.
     */
    private static Optional<RouteResponse> unsupportedContentType(RouteRequest request) {
        Optional<String> contentType = request.header(RouteResponse.CONTENT_TYPE);
        if (contentType.isPresent() && isJson(contentType.get())) {
            return Optional.empty();
        }
        return Optional.of(RouteResponse.error(
                        415,
                        "send the body as Content-Type: application/json (was "
                                + contentType
                                        .map(value -> "'" + echo(value) + "'")
                                        .orElse("none") + ")")
                .withHeader("Accept-Post", RouteResponse.JSON_CONTENT_TYPE));
    }

    private static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase(RouteResponse.JSON_CONTENT_TYPE)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")
                    && (parameter.length < 2
                            || !parameter[1].trim().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                return false;
            }
        }
        return true;
    }

    private static String echo(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= ECHO_LIMIT ? printable : printable.substring(0, ECHO_LIMIT) + "...";
    }
}
