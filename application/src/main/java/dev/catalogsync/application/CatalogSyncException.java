package dev.catalogsync.application;

/** Root of the failures the core reports. Normal outcomes (lease busy, flag off) are values, not these. */
public class CatalogSyncException extends RuntimeException {

    public CatalogSyncException(String message) {
        super(message);
    }

    public CatalogSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
