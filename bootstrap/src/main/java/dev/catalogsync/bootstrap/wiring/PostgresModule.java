package dev.catalogsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import dev.catalogsync.adapters.postgres.PostgresCatalogMirror;
import dev.catalogsync.adapters.postgres.PostgresCatalogResourceLookup;
import dev.catalogsync.adapters.postgres.PostgresExclusiveLease;
import dev.catalogsync.adapters.postgres.PostgresFeatureFlagStore;
import dev.catalogsync.adapters.postgres.PostgresMirrorDrift;
import dev.catalogsync.adapters.postgres.PostgresQueueInspector;
import dev.catalogsync.adapters.postgres.PostgresQueuePartitions;
import dev.catalogsync.adapters.postgres.PostgresSyncEventQueue;
import dev.catalogsync.application.port.out.CatalogMirror;
import dev.catalogsync.application.port.out.CatalogResourceLookup;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.FeatureFlagStore;
import dev.catalogsync.application.port.out.MirrorDrift;
import dev.catalogsync.application.port.out.QueueInspector;
import dev.catalogsync.application.port.out.QueuePartitions;
import dev.catalogsync.application.port.out.SyncEventQueue;
import javax.sql.DataSource;

/** The outbound ports that PostgreSQL serves: queue, mirror, lease, flags. Swap this module to embed elsewhere. */
public class PostgresModule extends AbstractModule {

    private final DataSource dataSource;

    public PostgresModule(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void configure() {
        bind(DataSource.class).toInstance(dataSource);
        bind(SyncEventQueue.class).toInstance(new PostgresSyncEventQueue(dataSource));
        bind(CatalogMirror.class).toInstance(new PostgresCatalogMirror(dataSource));
        bind(ExclusiveLease.class).toInstance(new PostgresExclusiveLease(dataSource));
        bind(FeatureFlagStore.class).toInstance(new PostgresFeatureFlagStore(dataSource));
        bind(QueueInspector.class).toInstance(new PostgresQueueInspector(dataSource));
        bind(CatalogResourceLookup.class).toInstance(new PostgresCatalogResourceLookup(dataSource));
        bind(QueuePartitions.class).toInstance(new PostgresQueuePartitions(dataSource));
        bind(MirrorDrift.class).toInstance(new PostgresMirrorDrift(dataSource));
    }
}
