package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.Jooq.PENDING;
import static dev.catalogsync.adapters.postgres.jooq.Tables.P_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;

import dev.catalogsync.adapters.postgres.jooq.tables.PCatalogResourceSyncEvents;
import dev.catalogsync.application.port.out.QueueInspector;
import dev.catalogsync.domain.SyncEventStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * Figures about {@code p_catalog_resource_sync_events} for operators: plain reads, no locks beyond the access
 * share every {@code SELECT} takes. The partition list comes from the system catalog, so it shows what is
 * attached now, not what a configuration expects.
 */
public class PostgresQueueInspector implements QueueInspector {

    private static final PCatalogResourceSyncEvents EVENTS = P_CATALOG_RESOURCE_SYNC_EVENTS;

    private final DSLContext dsl;

    public PostgresQueueInspector(DataSource dataSource) {
        this.dsl = Jooq.using(dataSource);
    }

    /** A count over the partial index of pending ids: exact, and as slow as the backlog is long. */
    @Override
    public long pendingCount() {
        return dsl.select(count()).from(EVENTS).where(PENDING).fetchSingle().value1();
    }

    /** The creation time of the lowest pending id: the first entry of the partial index, not a scan. */
    @Override
    public Optional<Instant> oldestPendingCreatedAt() {
        return dsl.select(EVENTS.CREATED_AT)
                .from(EVENTS)
                .where(PENDING)
                .orderBy(EVENTS.ID)
                .limit(1)
                .fetchOptional(EVENTS.CREATED_AT)
                .map(OffsetDateTime::toInstant);
    }

    /** The list values of the attached partitions, lowest first; a default partition has none and is left out. */
    @Override
    public List<Long> partitionValues() {
        TreeSet<Long> values = new TreeSet<>();
        new PartitionCatalog(dsl).attachedPartitions().values().forEach(values::addAll);
        return List.copyOf(values);
    }

    /** One pass over the queue, grouped by partition: exact, and as slow as the queue is long. */
    @Override
    public Map<Long, EventCounts> eventCountsByPartition() {
        Map<Long, EventCounts> counts = new TreeMap<>();
        dsl.select(
                        EVENTS.PARTITION_ID,
                        count().filterWhere(PENDING),
                        count().filterWhere(EVENTS.STATUS.eq(inline((short) SyncEventStatus.PROCESSED.code()))))
                .from(EVENTS)
                .groupBy(EVENTS.PARTITION_ID)
                .fetch()
                .forEach(row -> counts.put(row.value1(), new EventCounts(row.value2(), row.value3())));
        return counts;
    }
}
