package dev.catalogsync.application.fakes;

import dev.catalogsync.application.port.out.LeaseToken;
import dev.catalogsync.application.port.out.SyncBatches;

/**
 * The fenced batch over the in-memory catalog and lease: the lease's monitor is held from the fence to the end of
 * the batch, as PostgreSQL holds the lease row's lock until the batch commits, and the catalog's monitor makes the
 * batch atomic.
 */
public class InMemorySyncBatches implements SyncBatches {

    private final InMemoryCatalog catalog;
    private final InMemoryExclusiveLease lease;

    public InMemorySyncBatches(InMemoryCatalog catalog, InMemoryExclusiveLease lease) {
        this.catalog = catalog;
        this.lease = lease;
    }

    @Override
    public Outcome syncNextBatch(LeaseToken fence, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
        }
        synchronized (lease) {
            if (!lease.extendIfHeld(fence)) {
                return new Outcome.LeaseLost();
            }
            return new Outcome.Synced(catalog.syncNextBatch(limit));
        }
    }
}
