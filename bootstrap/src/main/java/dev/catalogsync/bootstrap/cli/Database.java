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
    private static final String POOL_NAME = "catalog-sync-cli";

    private final Optional<EmbeddedPostgresServer> embedded;
    private final HikariDataSource dataSource;

    private Database(Optional<EmbeddedPostgresServer> embedded, HikariDataSource dataSource) {
        this.embedded = embedded;
        this.dataSource = dataSource;
    }

    /**
     * @param migrateEmbedded whether to bring an embedded database's schema up to date on open; every command
     *     but {@code migrate} wants that, so that the embedded default works with no set-up step
     */
    static Database open(DatabaseOptions options, boolean migrateEmbedded) {
        return open(options, migrateEmbedded, POOL_NAME, POOL_SIZE);
    }

    /** As {@link #open(DatabaseOptions, boolean)}, with a pool named and sized for a longer-lived process. */
    static Database open(DatabaseOptions options, boolean migrateEmbedded, String poolName, int poolSize) {
        // The options were validated (DatabaseOptions.validate) before any database is opened.
        Optional<PostgresConnectionSettings> external = options.url()
                .map(url -> new PostgresConnectionSettings(url.trim(), options.user(), options.password()));
        if (external.isPresent()) {
            PostgresConnectionSettings settings = external.get();
            return new Database(Optional.empty(), connect(settings, settings.redactedUrl(), poolName, poolSize));
        }
        EmbeddedPostgresServer server = startEmbedded(options);
        try {
            HikariDataSource dataSource = connect(server.settings(), "the embedded PostgreSQL", poolName, poolSize);
            if (migrateEmbedded) {
                new SchemaMigrator(dataSource).migrate();
            }
            return new Database(Optional.of(server), dataSource);
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
            PostgresConnectionSettings settings, String description, String poolName, int poolSize) {
        try {
            return DataSources.pooled(settings, poolName, poolSize);
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

    boolean isEmbedded() {
        return embedded.isPresent();
    }

    @Override
    public void close() {
        dataSource.close();
        embedded.ifPresent(EmbeddedPostgresServer::close);
    }
}
