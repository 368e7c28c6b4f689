package dev.catalogsync.adapters.postgres;

import dev.catalogsync.application.CatalogSyncException;

/**
 * Root of the failures this adapter reports itself: a database it cannot reach at startup, a migration that
 * fails, an embedded server that does not start. Errors of single statements are left as jOOQ's
 * {@code DataAccessException}, which carries the SQL state and the driver's cause.
 */
public class PostgresAdapterException extends CatalogSyncException {

    public PostgresAdapterException(String message) {
        super(message);
    }

    public PostgresAdapterException(String message, Throwable cause) {
        super(message, cause);
    }
}
