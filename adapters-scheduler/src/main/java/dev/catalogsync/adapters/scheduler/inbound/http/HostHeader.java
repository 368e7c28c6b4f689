package dev.catalogsync.adapters.scheduler.inbound.http;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host and optional port as the {@code Host} header, or the authority of an {@code Origin}, names them:
 * {@code name}, {@code name:port}, {@code 192.0.2.1:8080}, {@code [::1]:8080}. Parsing never looks a name up.
 *
 * @param host lower case, without a trailing dot; an IPv6 address keeps its brackets
 * @param port the port, when one was given
 */
record HostHeader(String host, OptionalInt port) {

    private static final Pattern AUTHORITY = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\[\\]:/@\\s]+)(?::(\\d{1,5}))?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** {@code value} read as {@code host[:port]}; empty when it is not one. */
    static Optional<HostHeader> parse(String value) {
        Matcher matcher = AUTHORITY.matcher(value.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String host = matcher.group(1).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        if (matcher.group(2) == null) {
            return Optional.of(new HostHeader(host, OptionalInt.empty()));
        }
        int port = Integer.parseInt(matcher.group(2));
        return port < 1 || port > 65_535 ? Optional.empty() : Optional.of(new HostHeader(host, OptionalInt.of(port)));
    }

    /** Whether the host is an IPv4 or bracketed IPv6 address rather than a name. */
    boolean isAddress() {
        return host.startsWith("[") || IPV4.matcher(host).matches();
    }
}
