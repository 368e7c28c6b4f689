package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.Jooq.PENDING;
import static dev.catalogsync.adapters.postgres.jooq.Tables.P_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.selectOne;

import dev.catalogsync.adapters.postgres.jooq.tables.PCatalogResourceSyncEvents;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.domain.PendingRange;
import dev.catalogsync.domain.SyncBatch;
import dev.catalogsync.domain.SyncEvent;
import dev.catalogsync.domain.SyncEventStatus;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record6;
import org.jooq.ResultQuery;

/**
 * The queue in {@code p_catalog_resource_sync_events}. Every method is one statement in its own transaction,
 * whatever the number of events (marking a batch that spans partitions takes one statement per partition, in
 * one transaction), and finds pending events through the partial index on {@code id WHERE status = 1}. The
 * statements are package-private so that a test can check their plans.
 */
public class PostgresSyncEventQueue implements SyncEventQueue {

    private static final PCatalogResourceSyncEvents EVENTS = P_CATALOG_RESOURCE_SYNC_EVENTS;

    private final DSLContext dsl;

    public PostgresSyncEventQueue(DataSource dataSource) {
        this.dsl = Jooq.using(dataSource);
    }

    /** {@code min(id)} and {@code max(id)} of pending events: two probes at the ends of the partial index. */
    @Override
    public Optional<PendingRange> pendingRange() {
        Record2<Long, Long> range = pendingRangeQuery().fetchSingle();
        if (range.value1() == null) {
            return Optional.empty();
        }
        return Optional.of(new PendingRange(range.value1(), range.value2()));
    }

    ResultQuery<Record2<Long, Long>> pendingRangeQuery() {
        return dsl.select(min(EVENTS.ID), max(EVENTS.ID)).from(EVENTS).where(PENDING);
    }

    /** @throws IllegalArgumentException when {@code limit} is negative; a limit of 0 reads nothing */
    @Override
    public SyncBatch nextPendingBatch(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit cannot be negative, was " + limit);
        }
        if (limit == 0) {
            return SyncBatch.empty();
        }
        return new SyncBatch(nextPendingBatchQuery(limit).fetch(PostgresSyncEventQueue::toEvent));
    }

    ResultQuery<Record6<Long, Long, Long, Long, Short, OffsetDateTime>> nextPendingBatchQuery(int limit) {
        return dsl.select(
                        EVENTS.ID,
                        EVENTS.CATALOG_RESOURCE_ID,
                        EVENTS.PROJECT_ID,
                        EVENTS.PARTITION_ID,
                        EVENTS.STATUS,
                        EVENTS.CREATED_AT)
                .from(EVENTS)
                .where(PENDING)
                .orderBy(EVENTS.ID)
                .limit(limit);
    }

    private static SyncEvent toEvent(Record6<Long, Long, Long, Long, Short, OffsetDateTime> row) {
        return new SyncEvent(
                row.value1(),
                row.value2(),
                row.value3(),
                row.value4(),
                SyncEventStatus.fromCode(row.value5()),
                row.value6().toInstant());
    }

    /**
     * One {@code UPDATE} per partition the batch holds events of, with the partition key as a constant in its
     * {@code WHERE}, so that only that partition is scanned and locked, and the ids as one array parameter
     * however many there are. A batch of one partition (every batch but those taken across a rotation) is that
     * one statement in auto-commit; a batch spanning partitions updates them in one transaction, lowest
     * partition first, so that the mark stays atomic. An empty batch costs no round trip.
     */
    @Override
    public int markProcessed(SyncBatch batch) {
        SortedMap<Long, List<Long>> idsByPartition = batch.eventIdsByPartition();
        if (idsByPartition.isEmpty()) {
            return 0;
        }
        if (idsByPartition.size() == 1) {
            long partitionId = idsByPartition.firstKey();
            return markProcessedQuery(dsl, partitionId, idsByPartition.get(partitionId))
                    .execute();
        }
        return dsl.transactionResult(configuration -> {
            int marked = 0;
            for (Map.Entry<Long, List<Long>> partition : idsByPartition.entrySet()) {
                marked += markProcessedQuery(configuration.dsl(), partition.getKey(), partition.getValue())
                        .execute();
            }
            return marked;
        });
    }

    Query markProcessedQuery(long partitionId, Collection<Long> eventIds) {
        return markProcessedQuery(dsl, partitionId, eventIds);
    }

    private static Query markProcessedQuery(DSLContext dsl, long partitionId, Collection<Long> eventIds) {
        return dsl.update(EVENTS)
                .set(EVENTS.STATUS, inline((short) SyncEventStatus.PROCESSED.code()))
                .set(EVENTS.UPDATED_AT, currentOffsetDateTime())
                .where(EVENTS.PARTITION_ID.eq(partitionId))
                .and(PENDING)
                .and(EVENTS.ID.eq(any(eventIds.toArray(Long[]::new))));
    }

    @Override
    public boolean hasPending() {
        return hasPendingQuery().fetchSingle().value1();
    }

    ResultQuery<Record1<Boolean>> hasPendingQuery() {
        return dsl.select(exists(selectOne().from(EVENTS).where(PENDING)));
    }
}
