package dev.catalogsync.adapters.postgres;

import java.util.Objects;

/**
 * Where a PostgreSQL database is and who to connect as.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL
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
            throw new IllegalArgumentException(
                    "Not a PostgreSQL JDBC URL: '" + jdbcUrl + "' (expected it to start with " + URL_PREFIX + ")");
        }
    }

    /** Leaves the password out: settings end up in logs and error messages. */
    @Override
    public String toString() {
        return "PostgresConnectionSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                + (password.isEmpty() ? "<none>" : "<hidden>") + "]";
    }
}
