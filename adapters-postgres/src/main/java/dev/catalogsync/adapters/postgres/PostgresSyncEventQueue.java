package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.Jooq.PENDING;
import static dev.catalogsync.adapters.postgres.jooq.Tables.P_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.selectOne;

import dev.catalogsync.adapters.postgres.jooq.tables.PCatalogResourceSyncEvents;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.domain.PendingRange;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.ResultQuery;

/**
 * What is pending in {@code p_catalog_resource_sync_events}: each method is one statement in its own transaction
 * that finds pending events through the partial index on {@code id WHERE status = 1}. The statements are
 * package-private so that a test can check their plans. Batches are {@link PostgresSyncBatches}'.
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

    @Override
    public boolean hasPending() {
        return hasPendingQuery().fetchSingle().value1();
    }

    ResultQuery<Record1<Boolean>> hasPendingQuery() {
        return dsl.select(exists(selectOne().from(EVENTS).where(PENDING)));
    }
}
