package dev.catalogsync.adapters.postgres;

import dev.catalogsync.application.port.out.PartitionChange;
import dev.catalogsync.application.port.out.QueuePartitions;
import dev.catalogsync.domain.partitioning.PartitionLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * The partitions of {@code p_catalog_resource_sync_events}, changed by DDL that never waits long for a lock.
 *
 * <p>This class checks arguments and delegates: {@link PartitionCatalog} reads the layout, {@link PartitionDdl}
 * makes each change as one transaction, and {@link LockTimeoutTransactions} bounds every lock wait of a change by
 * the lock timeout, so that a change stuck behind a long transaction answers {@link PartitionChange.LockNotGranted}
 * rather than holding up the writers of {@code projects} queued behind it.
 */
public class PostgresQueuePartitions implements QueuePartitions {

    /** How long a change waits for a lock before it gives up for this attempt. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);

    private final DSLContext dsl;
    private final PartitionDdl ddl;

    public PostgresQueuePartitions(DataSource dataSource) {
        this(dataSource, DEFAULT_LOCK_TIMEOUT);
    }

    /** @param lockTimeout longest wait for each lock a change takes; below the pool's lock timeout to matter */
    public PostgresQueuePartitions(DataSource dataSource, Duration lockTimeout) {
        this.dsl = Jooq.using(dataSource);
        this.ddl = new PartitionDdl(new LockTimeoutTransactions(dsl, lockTimeout));
    }

    /** One transaction of catalog reads and index probes, no count; no lock beyond a read's. */
    @Override
    public PartitionLayout layout() {
        return dsl.transactionResult(configuration -> new PartitionCatalog(configuration.dsl()).layout());
    }

    @Override
    public PartitionChange createAndActivate(long value) {
        requireValue(value);
        return ddl.createAndActivate(value);
    }

    @Override
    public PartitionChange activate(long value) {
        requireValue(value);
        return ddl.activate(value);
    }

    @Override
    public PartitionChange detach(long value, Instant detachedAt) {
        requireValue(value);
        Objects.requireNonNull(detachedAt, "detachedAt");
        return ddl.detach(value, detachedAt);
    }

    @Override
    public PartitionChange drop(long value) {
        requireValue(value);
        return ddl.drop(value);
    }

    private static void requireValue(long value) {
        if (value < 1) {
            throw new IllegalArgumentException("partition values start at 1, was " + value);
        }
    }
}
