package dev.catalogsync.bootstrap.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.DataSources;
import dev.catalogsync.adapters.postgres.EmbeddedPostgresServer;
import dev.catalogsync.adapters.postgres.PostgresConnectionSettings;
import dev.catalogsync.adapters.postgres.Redaction;
import dev.catalogsync.adapters.postgres.SchemaMigrator;
import java.util.Optional;

/**
 * The database one command works on: the configured server, or the embedded one on the data directory, started
 * for the command's lifetime unless another process (such as {@code run}) serves it already, in which case the
 * command uses that one and leaves it running. The embedded database is ours alone, so it is migrated on open; an
 * external one is migrated only by the {@code migrate} command, as its operators decide when schema changes happen.
 */
final class Database implements AutoCloseable {

    private static final int POOL_SIZE = 4;
    /** A command opens the connection it uses at once, and a second only if it needs one (migrating does). */
    private static final int COMMAND_IDLE_CONNECTIONS = 1;

    private static final String POOL_NAME = "catalog-sync-cli";

    private final Optional<EmbeddedPostgresServer> embedded;
    private final PostgresConnectionSettings settings;
    private final HikariDataSource dataSource;

    private Database(
            Optional<EmbeddedPostgresServer> embedded,
            PostgresConnectionSettings settings,
            HikariDataSource dataSource) {
        this.embedded = embedded;
        this.settings = settings;
        this.dataSource = dataSource;
    }

    /**
     * @param migrateEmbedded whether to bring an embedded database's schema up to date on open; every command
     *     but {@code migrate} wants that, so that the embedded default works with no set-up step
     */
    static Database open(DatabaseOptions options, boolean migrateEmbedded) {
        return open(options, migrateEmbedded, POOL_NAME, POOL_SIZE, COMMAND_IDLE_CONNECTIONS);
    }

    /** As {@link #open(DatabaseOptions, boolean)}, with a pool named and sized for a longer-lived process. */
    static Database open(DatabaseOptions options, boolean migrateEmbedded, String poolName, int poolSize) {
        return open(options, migrateEmbedded, poolName, poolSize, poolSize);
    }

    private static Database open(
            DatabaseOptions options, boolean migrateEmbedded, String poolName, int poolSize, int idleConnections) {
        // The options were validated (DatabaseOptions.validate) before any database is opened.
        Optional<PostgresConnectionSettings> external = options.url()
                .map(url -> new PostgresConnectionSettings(url.trim(), options.user(), options.password()));
        if (external.isPresent()) {
            PostgresConnectionSettings settings = external.get();
            return new Database(
                    Optional.empty(),
                    settings,
                    connect(settings, settings.redactedUrl(), poolName, poolSize, idleConnections));
        }
        EmbeddedPostgresServer server = startEmbedded(options);
        try {
            HikariDataSource dataSource =
                    connect(server.settings(), "the embedded PostgreSQL", poolName, poolSize, idleConnections);
            if (migrateEmbedded) {
                new SchemaMigrator(dataSource).migrate();
            }
            return new Database(Optional.of(server), server.settings(), dataSource);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static EmbeddedPostgresServer startEmbedded(DatabaseOptions options) {
        try {
            return EmbeddedPostgresServer.open(options.dataDirectory());
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException(
                    "cannot start the embedded PostgreSQL in " + options.dataDirectory() + ": "
                            + ErrorMessages.rootMessage(e),
                    e);
        }
    }

    private static HikariDataSource connect(
            PostgresConnectionSettings settings,
            String description,
            String poolName,
            int poolSize,
            int idleConnections) {
        try {
            return DataSources.pooled(settings, poolName, poolSize, idleConnections);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException(
                    Redaction.text(
                            "cannot connect to " + description + ": " + ErrorMessages.rootMessage(e),
                            settings.secrets()),
                    e);
        }
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    /** How the pool connects, for a process or a database of the same server (the bench's). */
    PostgresConnectionSettings settings() {
        return settings;
    }

    boolean isEmbedded() {
        return embedded.isPresent();
    }

    @Override
    public void close() {
        dataSource.close();
        embedded.ifPresent(EmbeddedPostgresServer::close);
    }
}
