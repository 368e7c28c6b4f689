package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.adapters.postgres.PostgresConnectionSettings;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the database is. Options win over the environment; with no URL at all, an embedded server runs. */
public class DatabaseOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            defaultValue = "${env:CATALOG_SYNC_DB_URL}",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://localhost:5432/gitlab "
                    + "(env CATALOG_SYNC_DB_URL). Without one, an embedded PostgreSQL runs in --data-dir.")
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
            description = "Data directory of the embedded PostgreSQL, kept across runs (env CATALOG_SYNC_DATA_DIR; "
                    + "default: ${DEFAULT-VALUE}). Ignored when a database URL is given.")
    Path dataDirectory;

    Optional<String> url() {
        return Optional.ofNullable(url).filter(value -> !value.isBlank());
    }

    /**
     * The configured server's settings, when a URL is given. A URL that is not one (another database's, a typo, a
     * port out of range) is bad input, refused before any connection is tried; the message hides any password in it.
     */
    Optional<PostgresConnectionSettings> external() {
        return url().map(jdbcUrl -> {
            try {
                return new PostgresConnectionSettings(jdbcUrl.trim(), user(), password());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(mixee.commandLine(), "--db-url: " + e.getMessage());
            }
        });
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
