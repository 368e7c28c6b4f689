package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.bootstrap.CatalogSyncService;
import dev.catalogsync.bootstrap.wiring.CommandLineDriverModule;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Where every command gets its objects: opens the database the command's options name and builds the
 * {@link CatalogSyncService} around it. Commands ask the service for ports; none builds an adapter itself.
 */
final class ServiceSessions {

    /** The HTTP threads, the poll, the worker job, the cron and the scheduler's own housekeeping. */
    static final int SERVICE_POOL_SIZE = 8;

    private static final String SERVICE_POOL_NAME = "catalog-sync-service";

    private final Clock clock;

    @Inject
    ServiceSessions(Clock clock) {
        this.clock = clock;
    }

    /** A database and the service built on it, for one command; closing stops the service, then the database. */
    record Session(Database database, CatalogSyncService service) implements AutoCloseable {

        @Override
        public void close() {
            try (Database closedLast = database) {
                service.close();
            }
        }
    }

    /**
     * For a one-shot command: the worker, if it runs, is driven by the command in its own thread.
     *
     * @param migrateEmbedded whether to bring an embedded database's schema up to date first
     */
    Session forCommand(DatabaseOptions options, boolean migrateEmbedded) {
        return open(
                Database.open(options, migrateEmbedded), builder -> builder.overriding(new CommandLineDriverModule()));
    }

    /** For {@code run}: the long-running service, configured by {@code configure}, not yet started. */
    Session forService(DatabaseOptions options, UnaryOperator<CatalogSyncService.Builder> configure) {
        Session session = open(Database.open(options, true, SERVICE_POOL_NAME, SERVICE_POOL_SIZE), configure);
        // The pool is ours: its figures (connections active, idle, pending, wait times) join the service's metrics.
        session.database().dataSource().setMetricRegistry(session.service().metricRegistry());
        return session;
    }

    private Session open(Database database, UnaryOperator<CatalogSyncService.Builder> configure) {
        try {
            CatalogSyncService service = configure
                    .apply(CatalogSyncService.builder(database.dataSource()).clock(clock))
                    .build();
            return new Session(database, service);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }
}
