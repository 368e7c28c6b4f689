package dev.catalogsync.application.fakes;

import dev.catalogsync.application.contract.CatalogMirrorContract;
import dev.catalogsync.application.contract.CatalogWorld;
import dev.catalogsync.application.contract.ExclusiveLeaseContract;
import dev.catalogsync.application.contract.FeatureFlagStoreContract;
import dev.catalogsync.application.contract.ProcessSyncEventsContract;
import dev.catalogsync.application.contract.SyncEventQueueContract;
import dev.catalogsync.application.port.out.CatalogMirror;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.FeatureFlagStore;
import dev.catalogsync.application.port.out.SyncEventQueue;
import org.junit.jupiter.api.Nested;

/** The in-memory fakes run the same contract suites as the PostgreSQL adapters, so tests on them mean something. */
class FakesHonourTheContractsTest {

    private final SettableClock clock = new SettableClock();
    private final InMemoryCatalog catalog = new InMemoryCatalog(clock);
    private final InMemoryExclusiveLease lease = new InMemoryExclusiveLease(clock);
    private final InMemoryFeatureFlagStore flags = new InMemoryFeatureFlagStore();

    @Nested
    class Queue extends SyncEventQueueContract {
        @Override
        protected CatalogWorld world() {
            return catalog;
        }

        @Override
        protected SyncEventQueue queue() {
            return catalog;
        }
    }

    @Nested
    class Mirror extends CatalogMirrorContract {
        @Override
        protected CatalogWorld world() {
            return catalog;
        }

        @Override
        protected CatalogMirror mirror() {
            return catalog;
        }
    }

    @Nested
    class Lease extends ExclusiveLeaseContract {
        @Override
        protected ExclusiveLease lease() {
            return lease;
        }

        @Override
        protected void expire(String key) {
            lease.expire(key);
        }
    }

    @Nested
    class Flags extends FeatureFlagStoreContract {
        @Override
        protected FeatureFlagStore store() {
            return flags;
        }
    }

    @Nested
    class Service extends ProcessSyncEventsContract {
        @Override
        protected CatalogWorld world() {
            return catalog;
        }

        @Override
        protected SyncEventQueue queue() {
            return catalog;
        }

        @Override
        protected CatalogMirror mirror() {
            return catalog;
        }

        @Override
        protected ExclusiveLease lease() {
            return lease;
        }

        @Override
        protected FeatureFlagStore flagStore() {
            return flags;
        }
    }
}
