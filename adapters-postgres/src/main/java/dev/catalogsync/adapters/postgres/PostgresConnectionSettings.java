package dev.catalogsync.adapters.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a PostgreSQL database is and who to connect as.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL; it may carry a password itself, which {@link #toString()} and
 *     every message made from these settings mask
 * @param user the role to connect as
 * @param password the role's password; empty, never {@code null}, when the server trusts the connection
 */
public record PostgresConnectionSettings(String jdbcUrl, String user, String password) {

    private static final String URL_PREFIX = "jdbc:postgresql:";

    public PostgresConnectionSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password (use an empty string for none)");
        if (!jdbcUrl.startsWith(URL_PREFIX)) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: '" + Redaction.text(jdbcUrl)
                    + "' (expected it to start with " + URL_PREFIX + ")");
        }
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
