package dev.catalogsync.adapters.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL database is and who to connect as. The URL is checked here, before any connection is tried:
 * a URL of another database, one that is not a URL, or a port out of range is refused at once, in words that name
 * it (with any password in it hidden).
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL; it may carry a password itself, which {@link #toString()} and
 *     every message made from these settings mask
 * @param user the role to connect as
 * @param password the role's password; empty, never {@code null}, when the server trusts the connection
 */
public record PostgresConnectionSettings(String jdbcUrl, String user, String password) {

    private static final String URL_PREFIX = "jdbc:postgresql:";
    private static final String EXAMPLE = "jdbc:postgresql://db:5432/gitlab";

    /** {@code host}, {@code host:port}, {@code [v6]:port}, as pgjdbc takes them, comma-separated. */
    private static final Pattern HOST_AND_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\[\\]:,]*)(?::(\\d*))?");

    public PostgresConnectionSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password (use an empty string for none)");
        checkUrl(jdbcUrl);
    }

    /**
     * @throws IllegalArgumentException when {@code url} is not a PostgreSQL JDBC URL: another database's, not a URL
     *     at all, or with a port that is not one
     */
    private static void checkUrl(String url) {
        if (!url.startsWith(URL_PREFIX)) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: '" + Redaction.text(url)
                    + "' (expected it to start with " + URL_PREFIX + ", e.g. " + EXAMPLE + ")");
        }
        URI uri;
        try {
            uri = new URI(url.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw malformed(url, e.getReason() + " at character " + (e.getIndex() + "jdbc:".length() + 1));
        }
        if (uri.getRawAuthority() != null) {
            for (String hostAndPort : uri.getRawAuthority().split(",", -1)) {
                checkHostAndPort(url, hostAndPort);
            }
        }
    }

    private static void checkHostAndPort(String url, String hostAndPort) {
        if (hostAndPort.contains("@")) {
            // Never quoted: what stands before the @ is a user name and, likely, a password.
            throw malformed(
                    url,
                    "a user name or password before the host (user:password@host) is not a form the "
                            + "PostgreSQL JDBC driver takes; give them with --db-user and CATALOG_SYNC_DB_PASSWORD");
        }
        Matcher matcher = HOST_AND_PORT.matcher(hostAndPort);
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2) != null)) {
            throw malformed(url, "'" + Redaction.text(hostAndPort) + "' is not a host and port");
        }
        String port = matcher.group(2);
        if (port != null && (port.isEmpty() || port.length() > 5 || !inPortRange(Integer.parseInt(port)))) {
            throw malformed(url, "the port '" + port + "' is not between 1 and 65535");
        }
    }

    private static boolean inPortRange(int port) {
        return port >= 1 && port <= 65_535;
    }

    private static IllegalArgumentException malformed(String url, String why) {
        return new IllegalArgumentException(
                "Malformed PostgreSQL JDBC URL '" + Redaction.text(url) + "': " + why + " (e.g. " + EXAMPLE + ")");
    }

    /** The URL with any password in it masked: the form to print or log. */
    public String redactedUrl() {
        return Redaction.text(jdbcUrl);
    }

    /** Every password these settings carry (the password, and any the URL holds), to mask in what is printed. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(Redaction.secretsIn(jdbcUrl));
        if (!password.isEmpty()) {
            secrets.add(password);
        }
        return List.copyOf(secrets);
    }

    /** Leaves the passwords out: settings end up in logs and error messages. */
    @Override
    public String toString() {
        return "PostgresConnectionSettings[jdbcUrl=" + redactedUrl() + ", user=" + user + ", password="
                + (password.isEmpty() ? "<none>" : "<hidden>") + "]";
    }
}
