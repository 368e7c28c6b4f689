package dev.catalogsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.catalogsync.adapters.postgres.DemoCatalog;
import dev.catalogsync.adapters.postgres.PostgresCatalogResourceLookup;
import dev.catalogsync.adapters.postgres.PostgresCronTicks;
import dev.catalogsync.adapters.postgres.PostgresExclusiveLease;
import dev.catalogsync.adapters.postgres.PostgresFeatureFlagAudit;
import dev.catalogsync.adapters.postgres.PostgresFeatureFlagStore;
import dev.catalogsync.adapters.postgres.PostgresMirrorDrift;
import dev.catalogsync.adapters.postgres.PostgresOperationLog;
import dev.catalogsync.adapters.postgres.PostgresQueueInspector;
import dev.catalogsync.adapters.postgres.PostgresQueuePartitions;
import dev.catalogsync.adapters.postgres.PostgresServiceInstances;
import dev.catalogsync.adapters.postgres.PostgresSyncBatches;
import dev.catalogsync.adapters.postgres.PostgresSyncEventQueue;
import dev.catalogsync.adapters.postgres.SchemaMigrator;
import dev.catalogsync.adapters.scheduler.inbound.cron.WorkerCron;
import dev.catalogsync.application.port.out.CatalogResourceLookup;
import dev.catalogsync.application.port.out.CronTicks;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.FeatureFlagAudit;
import dev.catalogsync.application.port.out.FeatureFlagStore;
import dev.catalogsync.application.port.out.MirrorDrift;
import dev.catalogsync.application.port.out.OperationLog;
import dev.catalogsync.application.port.out.QueueInspector;
import dev.catalogsync.application.port.out.QueuePartitions;
import dev.catalogsync.application.port.out.ServiceInstances;
import dev.catalogsync.application.port.out.SyncBatches;
import dev.catalogsync.application.port.out.SyncEventQueue;
import javax.sql.DataSource;

/**
 * The outbound ports PostgreSQL serves: queue, batches, lease, flags, partitions, drift, the operations' record,
 * the service instances, and the schema. Each
 * adapter is made on first use, so a command builds only what it needs. A host replaces any of them by binding
 * the port in a module of its own (see {@code CatalogSyncService.Builder#overriding}).
 */
public class PostgresModule extends AbstractModule {

    private final DataSource dataSource;

    public PostgresModule(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void configure() {
        bind(DataSource.class).toInstance(dataSource);
    }

    @Provides
    @Singleton
    SyncEventQueue syncEventQueue() {
        return new PostgresSyncEventQueue(dataSource);
    }

    @Provides
    @Singleton
    SyncBatches syncBatches() {
        return new PostgresSyncBatches(dataSource);
    }

    @Provides
    @Singleton
    ExclusiveLease exclusiveLease() {
        return new PostgresExclusiveLease(dataSource);
    }

    @Provides
    @Singleton
    FeatureFlagStore featureFlagStore() {
        return new PostgresFeatureFlagStore(dataSource);
    }

    @Provides
    @Singleton
    FeatureFlagAudit featureFlagAudit() {
        return new PostgresFeatureFlagAudit(dataSource);
    }

    /** The worker cron's row in db-scheduler's table, by the cron's task name. */
    @Provides
    @Singleton
    CronTicks cronTicks() {
        return new PostgresCronTicks(dataSource, WorkerCron.TASK_NAME);
    }

    @Provides
    @Singleton
    QueueInspector queueInspector() {
        return new PostgresQueueInspector(dataSource);
    }

    @Provides
    @Singleton
    CatalogResourceLookup catalogResourceLookup() {
        return new PostgresCatalogResourceLookup(dataSource);
    }

    @Provides
    @Singleton
    QueuePartitions queuePartitions() {
        return new PostgresQueuePartitions(dataSource);
    }

    @Provides
    @Singleton
    MirrorDrift mirrorDrift() {
        return new PostgresMirrorDrift(dataSource);
    }

    @Provides
    @Singleton
    OperationLog operationLog() {
        return new PostgresOperationLog(dataSource);
    }

    @Provides
    @Singleton
    ServiceInstances serviceInstances() {
        return new PostgresServiceInstances(dataSource);
    }

    @Provides
    @Singleton
    SchemaMigrator schemaMigrator() {
        return new SchemaMigrator(dataSource);
    }

    /** Demo projects for the {@code demo} commands; never used by the service itself. */
    @Provides
    @Singleton
    DemoCatalog demoCatalog() {
        return new DemoCatalog(dataSource);
    }
}
