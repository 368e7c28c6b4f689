package dev.catalogsync.adapters.postgres;

import dev.catalogsync.adapters.postgres.testing.PostgresCatalogWorld;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The PostgreSQL adapters run the same contract suites as the in-memory fakes, on real tables with the real
 * trigger queuing the events.
 */
class PostgresAdaptersHonourTheContractsTest {

    private static PostgresTestDatabase database;

    private final PostgresCatalogWorld world = database.world();
    private final PostgresSyncEventQueue queue = new PostgresSyncEventQueue(database.dataSource());
    private final PostgresSyncBatches batches = new PostgresSyncBatches(database.dataSource());
    private final PostgresExclusiveLease lease = new PostgresExclusiveLease(database.dataSource());
    private final PostgresFeatureFlagStore flags = new PostgresFeatureFlagStore(database.dataSource());
    private final PostgresFeatureFlagAudit audit = new PostgresFeatureFlagAudit(database.dataSource());
    private final PostgresQueuePartitions partitions = new PostgresQueuePartitions(database.dataSource());
    private final PostgresMirrorDrift drift = new PostgresMirrorDrift(database.dataSource());
    private final PostgresOperationLog operations = new PostgresOperationLog(database.dataSource());
    private final PostgresServiceInstances instances = new PostgresServiceInstances(database.dataSource());

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void start_every_test_with_empty_tables() {
        database.truncateAll();
    }

    /** What a rotation does: the partition, then the column default naming it. */
    private static void newEventsLandIn(long value) {
        database.execute("CREATE TABLE catalog_resource_sync_events_" + value
                + " PARTITION OF p_catalog_resource_sync_events FOR VALUES IN (" + value + ")");
        database.execute(
                "ALTER TABLE ONLY p_catalog_resource_sync_events ALTER COLUMN partition_id SET DEFAULT " + value);
    }

    @Nested
    class Queue extends SyncEventQueueContract {
        @BeforeEach
        void start_with_the_partitions_as_migrated() {
            database.resetQueuePartitions();
        }

        @Override
        protected CatalogWorld world() {
            return world;
        }

        @Override
        protected SyncEventQueue queue() {
            return queue;
        }

        @Override
        protected void newEventsLandInPartition(long value) {
            newEventsLandIn(value);
        }
    }

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
            database.execute("UPDATE catalog_sync_instances SET last_seen_at = last_seen_at - interval '"
                    + by.toSeconds() + " seconds' WHERE instance_name = '" + instance + "'");
        }

        /** The database's clock is this machine's. */
        @Override
        protected Instant now() {
            return Instant.now();
        }
    }

    @Nested
    class Batches extends SyncBatchesContract {
        @BeforeEach
        void start_with_the_partitions_as_migrated() {
            database.resetQueuePartitions();
        }

        @Override
        protected CatalogWorld world() {
            return world;
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
            database.expireLease(key);
        }

        @Override
        protected void newEventsLandInPartition(long value) {
            newEventsLandIn(value);
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
            database.expireLease(key);
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
    class Flags extends FeatureFlagStoreContract {
        @Override
        protected FeatureFlagStore store() {
            return flags;
        }
    }

    @Nested
    class Service extends PerformSyncWorkerContract {
        @Override
        protected CatalogWorld world() {
            return world;
        }

        @Override
        protected SyncEventQueue queue() {
            return queue;
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
        @BeforeEach
        void start_with_the_partitions_as_migrated() {
            database.resetQueuePartitions();
        }

        @Override
        protected CatalogWorld world() {
            return world;
        }

        @Override
        protected QueuePartitions partitions() {
            return partitions;
        }

        @Override
        protected SyncEventQueue queue() {
            return queue;
        }
    }

    /** Time passes by back-dating what is stored: the events' created_at and the recorded detach times. */
    @Nested
    class PartitionMaintenance extends MaintainQueuePartitionsContract {
        @BeforeEach
        void start_with_the_partitions_as_migrated() {
            database.resetQueuePartitions();
        }

        @Override
        protected CatalogWorld world() {
            return world;
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
            return Clock.systemUTC();
        }

        @Override
        protected void letTimePass(Duration duration) {
            String interval = "interval '" + duration.toSeconds() + " seconds'";
            database.execute("UPDATE p_catalog_resource_sync_events SET created_at = created_at - " + interval);
            database.execute("UPDATE catalog_resource_sync_event_detached_partitions "
                    + "SET detached_at = detached_at - " + interval);
        }

        @Override
        protected void createPartitionWithoutMovingTheDefault(long value) {
            database.execute("CREATE TABLE catalog_resource_sync_events_" + value
                    + " PARTITION OF p_catalog_resource_sync_events FOR VALUES IN (" + value + ")");
        }
    }

    @Nested
    class Drift extends MirrorDriftContract {
        @Override
        protected CatalogWorld world() {
            return world;
        }

        @Override
        protected MirrorDrift drift() {
            return drift;
        }
    }

    @Nested
    class Reconcile extends ReconcileMirrorContract {
        @Override
        protected CatalogWorld world() {
            return world;
        }

        @Override
        protected MirrorDrift drift() {
            return drift;
        }

        @Override
        protected SyncEventQueue queue() {
            return queue;
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
