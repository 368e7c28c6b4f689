package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.adapters.postgres.PostgresConnectionSettings;
import dev.catalogsync.adapters.postgres.Redaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where the database is. Options win over the environment; with no URL at all (neither given), the embedded server
 * runs. A URL given but empty is a mistake, not a request for the embedded server.
 */
public class DatabaseOptions {

    private static final String EXAMPLE_URL = "jdbc:postgresql://db:5432/gitlab";
    private static final Pattern USER_PARAMETER = Pattern.compile("[?&]user=([^&;#]+)");

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            defaultValue = "${env:CATALOG_SYNC_DB_URL}",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://localhost:5432/gitlab "
                    + "(env CATALOG_SYNC_DB_URL). Without one, the embedded PostgreSQL in --data-dir is used; an "
                    + "empty one is refused. A password in it is never printed.")
    String url;

    @Option(
            names = "--db-user",
            paramLabel = "USER",
            defaultValue = "${env:CATALOG_SYNC_DB_USER}",
            description = "Database user (env CATALOG_SYNC_DB_USER).")
    String user;

    @Option(
            names = "--db-password",
            paramLabel = "PASSWORD",
            defaultValue = "${env:CATALOG_SYNC_DB_PASSWORD}",
            description = "Database password (env CATALOG_SYNC_DB_PASSWORD; prefer the variable: options show in ps).")
    String password;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "${env:CATALOG_SYNC_DATA_DIR:-${sys:user.home}/.catalog-sync/postgres}",
            description = "Data directory of the embedded PostgreSQL, kept across runs and shared with any command "
                    + "running on it (env CATALOG_SYNC_DATA_DIR; default: ${DEFAULT-VALUE}). Ignored when a "
                    + "database URL is given.")
    Path dataDirectory;

    /**
     * Refuses, before anything is opened, a URL that is given but blank (never a silent fall-back to the embedded
     * database) or is not a PostgreSQL JDBC URL. The URL is quoted with its passwords masked.
     *
     * @throws ParameterException naming the option and the environment variable
     */
    void validate(CommandLine commandLine) {
        if (url == null) {
            return;
        }
        if (url.isBlank()) {
            throw new ParameterException(
                    commandLine,
                    "--db-url (or CATALOG_SYNC_DB_URL) is empty: give a JDBC URL such as " + EXAMPLE_URL
                            + ", or leave both unset for the embedded database");
        }
        external(commandLine);
    }

    /**
     * The configured server's settings, when a URL is given. A URL that is not one (another database's, a typo, a
     * port out of range) is bad input, refused before any connection is tried; the message hides any password in it.
     */
    Optional<PostgresConnectionSettings> external(CommandLine commandLine) {
        return url().map(jdbcUrl -> {
            try {
                return new PostgresConnectionSettings(jdbcUrl.trim(), user(), password());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(commandLine, "--db-url: " + e.getMessage());
            }
        });
    }

    /** The URL; empty when neither the option nor the environment gives one. Call {@link #validate} first. */
    Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /**
     * The role the command connects as, to name in messages: {@code --db-user}, else the URL's {@code user}
     * parameter, else the embedded database's superuser or, for a URL naming none, the operating system's user.
     */
    String role() {
        if (!user().isBlank()) {
            return user();
        }
        if (url == null) {
            return "postgres";
        }
        Matcher named = USER_PARAMETER.matcher(url);
        return named.find() ? named.group(1) : System.getProperty("user.name");
    }

    /** The passwords these options carry, given on their own or inside the URL: never to be printed. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>(url == null ? List.of() : Redaction.secretsIn(url));
        if (password != null && !password.isEmpty()) {
            secrets.add(password);
        }
        return secrets;
    }

    String user() {
        return user == null ? "" : user;
    }

    String password() {
        return password == null ? "" : password;
    }

    Path dataDirectory() {
        return dataDirectory;
    }
}
