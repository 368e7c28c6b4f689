package dev.catalogsync.adapters.scheduler.inbound.http;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who may use the HTTP endpoints: the server's security policy, applied to every route by its {@link HttpRoute.Access}
 * before the route sees the request.
 *
 * <ul>
 *   <li><b>Host</b> (every route but a probe or an asset): the {@code Host} header must name this server (a loopback name when it
 *       listens on the loopback, the address it listens on, or one of the {@link #publicNames()}), or the answer is
 *       421. A web page that rebinds a name of its own to our address (DNS rebinding) sends its own name, so it
 *       never reaches a route. The port is not compared: port forwarding changes it, and a name check stops the
 *       attack alone.</li>
 *   <li><b>Token</b>: when one is configured, a state-changing request, and a read-only one unless
 *       {@link #readsOpen()}, needs {@code Authorization: Bearer <token>}: 401 without one, 403 with another.</li>
 *   <li><b>Browsers</b> (state-changing routes): a request that a browser marks as sent from another site
 *       ({@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}) or from a page of another origin
 *       ({@code Origin} other than the {@code Host} it was sent to) is refused with 403; and the body must be
 *       {@code application/json} (415 otherwise), which no HTML form can send and no script of another origin can
 *       send without a CORS preflight, which this server never grants.</li>
 * </ul>
 *
 * <p>Listening beyond the loopback needs a token ({@link #checkBinding}): anyone on the network could otherwise
 * change state.
 */
public final class HttpAccess {

    /** No token: for a server on the loopback, where only local processes reach it. */
    public static final HttpAccess WITHOUT_TOKEN = new HttpAccess(null, false, Set.of());

    private static final Pattern DNS_NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");

    private final BearerToken token;
    private final boolean readsOpen;
    private final Set<String> publicNames;

    private HttpAccess(BearerToken token, boolean readsOpen, Set<String> publicNames) {
        this.token = token;
        this.readsOpen = readsOpen;
        this.publicNames = publicNames;
    }

    /** Every request but a probe's needs {@code token} (reads too, unless {@link #withReadsOpen}). */
    public static HttpAccess withToken(BearerToken token) {
        return new HttpAccess(Objects.requireNonNull(token, "token"), false, Set.of());
    }

    /** Whether read-only routes answer without the token (they never need it without one). */
    public HttpAccess withReadsOpen(boolean open) {
        return new HttpAccess(token, open, publicNames);
    }

    /**
     * Names clients reach this server by besides its address, e.g. {@code sync.internal.example} behind a proxy or
     * in a cluster: accepted in {@code Host}.
     *
     * @throws IllegalArgumentException for anything but a host name or an IP address, without a port
     */
    public HttpAccess withPublicNames(Collection<String> names) {
        Set<String> checked = new TreeSet<>();
        for (String name : names) {
            String normalized = Objects.requireNonNull(name, "name").trim().toLowerCase(Locale.ROOT);
            if (normalized.length() > 253
                    || !(DNS_NAME.matcher(normalized).matches()
                            || IPV4.matcher(normalized).matches()
                            || BRACKETED_IPV6.matcher(normalized).matches())) {
                throw new IllegalArgumentException("a public name is a host name or an IP address without a port, "
                        + "e.g. sync.internal.example, was '" + name + "'");
            }
            checked.add(normalized.endsWith(".") ? normalized.substring(0, normalized.length() - 1) : normalized);
        }
        return new HttpAccess(token, readsOpen, Set.copyOf(checked));
    }

    public Optional<BearerToken> token() {
        return Optional.ofNullable(token);
    }

    public boolean readsOpen() {
        return readsOpen;
    }

    /** Lower case, without a trailing dot. */
    public Set<String> publicNames() {
        return publicNames;
    }

    /** Whether a request to {@code route} must carry the token. */
    boolean needsToken(HttpRoute.Access access) {
        return token != null
                && switch (access) {
                    case PROBE, ASSET -> false;
                    case READ_ONLY -> !readsOpen;
                    case STATE_CHANGING -> true;
                };
    }

    /**
     * Checks that the server may listen on {@code address} under this policy.
     *
     * @throws IllegalArgumentException when {@code address} is not a loopback address and there is no token
     */
    public void checkBinding(InetAddress address) {
        if (token == null && !address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the HTTP endpoints would listen on " + address.getHostAddress()
                    + ", beyond the loopback, without a token: anyone who reaches it could use them; give them a "
                    + "token (listening on 127.0.0.1 needs none)");
        }
    }

    @Override
    public String toString() {
        return "HttpAccess[token=" + (token == null ? "none" : "set") + ", readsOpen=" + readsOpen + ", publicNames="
                + publicNames + "]";
    }
}
