package dev.catalogsync.adapters.scheduler;

import dev.catalogsync.application.CatalogSyncException;

/** Root of the failures this adapter reports itself; the cause carries the driver's or the library's detail. */
public class SchedulerAdapterException extends CatalogSyncException {

    public SchedulerAdapterException(String message) {
        super(message);
    }

    public SchedulerAdapterException(String message, Throwable cause) {
        super(message, cause);
    }
}
