package dev.catalogsync.application.fakes;

import dev.catalogsync.application.contract.CatalogWorld;
import dev.catalogsync.application.contract.ExclusiveLeaseContract;
import dev.catalogsync.application.contract.FeatureFlagAuditContract;
import dev.catalogsync.application.contract.FeatureFlagStoreContract;
import dev.catalogsync.application.contract.MaintainQueuePartitionsContract;
import dev.catalogsync.application.contract.MirrorDriftContract;
import dev.catalogsync.application.contract.OperationLogContract;
import dev.catalogsync.application.contract.PerformSyncWorkerContract;
import dev.catalogsync.application.contract.QueuePartitionsContract;
import dev.catalogsync.application.contract.ReconcileMirrorContract;
import dev.catalogsync.application.contract.ServiceInstancesContract;
import dev.catalogsync.application.contract.SyncBatchesContract;
import dev.catalogsync.application.contract.SyncEventQueueContract;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.FeatureFlagAudit;
import dev.catalogsync.application.port.out.FeatureFlagStore;
import dev.catalogsync.application.port.out.MirrorDrift;
import dev.catalogsync.application.port.out.OperationLog;
import dev.catalogsync.application.port.out.QueuePartitions;
import dev.catalogsync.application.port.out.ServiceInstances;
import dev.catalogsync.application.port.out.SyncBatches;
import dev.catalogsync.application.port.out.SyncEventQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;

/** The in-memory fakes run the same contract suites as the PostgreSQL adapters, so tests on them mean something. */
class FakesHonourTheContractsTest {

    private final SettableClock clock = new SettableClock();
    private final InMemoryCatalog catalog = new InMemoryCatalog(clock);
    private final InMemoryExclusiveLease lease = new InMemoryExclusiveLease(clock);
    private final InMemoryFeatureFlagStore flags = new InMemoryFeatureFlagStore();
    private final InMemoryFeatureFlagAudit audit = new InMemoryFeatureFlagAudit();
    private final InMemoryQueuePartitions partitions = new InMemoryQueuePartitions(catalog);
    private final InMemorySyncBatches batches = new InMemorySyncBatches(catalog, lease);
    private final InMemoryOperationLog operations = new InMemoryOperationLog();
    private final InMemoryServiceInstances instances = new InMemoryServiceInstances(clock);

    @Nested
    class Operations extends OperationLogContract {
        @Override
        protected OperationLog log() {
            return operations;
        }
    }

    @Nested
    class Instances extends ServiceInstancesContract {
        @Override
        protected ServiceInstances instances() {
            return instances;
        }

        @Override
        protected void age(String instance, Duration by) {
            instances.age(instance, by);
        }

        @Override
        protected Instant now() {
            return clock.instant();
        }
    }

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

        @Override
        protected void newEventsLandInPartition(long value) {
            catalog.activePartition(value);
        }
    }

    @Nested
    class Batches extends SyncBatchesContract {
        @Override
        protected CatalogWorld world() {
            return catalog;
        }

        @Override
        protected SyncBatches batches() {
            return batches;
        }

        @Override
        protected ExclusiveLease lease() {
            return lease;
        }

        @Override
        protected void expire(String key) {
            lease.expire(key);
        }

        @Override
        protected void newEventsLandInPartition(long value) {
            catalog.activePartition(value);
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
    class Audit extends FeatureFlagAuditContract {
        @Override
        protected FeatureFlagAudit audit() {
            return audit;
        }
    }

    @Nested
    class Service extends PerformSyncWorkerContract {
        @Override
        protected CatalogWorld world() {
            return catalog;
        }

        @Override
        protected SyncEventQueue queue() {
            return catalog;
        }

        @Override
        protected SyncBatches batches() {
            return batches;
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

    @Nested
    class Partitions extends QueuePartitionsContract {
        @Override
        protected CatalogWorld world() {
            return catalog;
        }

        @Override
        protected QueuePartitions partitions() {
            return partitions;
        }

        @Override
        protected SyncEventQueue queue() {
            return catalog;
        }
    }

    @Nested
    class PartitionMaintenance extends MaintainQueuePartitionsContract {
        @Override
        protected CatalogWorld world() {
            return catalog;
        }

        @Override
        protected QueuePartitions partitions() {
            return partitions;
        }

        @Override
        protected ExclusiveLease lease() {
            return lease;
        }

        @Override
        protected Clock clock() {
            return clock;
        }

        @Override
        protected void letTimePass(Duration duration) {
            clock.advance(duration);
        }

        @Override
        protected void createPartitionWithoutMovingTheDefault(long value) {
            catalog.attachPartition(value);
        }
    }

    @Nested
    class Drift extends MirrorDriftContract {
        @Override
        protected CatalogWorld world() {
            return catalog;
        }

        @Override
        protected MirrorDrift drift() {
            return catalog;
        }
    }

    @Nested
    class Reconcile extends ReconcileMirrorContract {
        @Override
        protected CatalogWorld world() {
            return catalog;
        }

        @Override
        protected MirrorDrift drift() {
            return catalog;
        }

        @Override
        protected SyncEventQueue queue() {
            return catalog;
        }

        @Override
        protected SyncBatches batches() {
            return batches;
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
