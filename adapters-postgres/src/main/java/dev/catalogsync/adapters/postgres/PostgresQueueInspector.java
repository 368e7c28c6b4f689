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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * Figures about {@code p_catalog_resource_sync_events} for operators: plain reads, no locks beyond the access
 * share every {@code SELECT} takes. The partition list comes from the system catalog, so it shows what is
 * attached now, not what a configuration expects.
 */
public class PostgresQueueInspector implements QueueInspector {

    private static final PCatalogResourceSyncEvents EVENTS = P_CATALOG_RESOURCE_SYNC_EVENTS;

    /** The values of a list partition's bound, as {@code pg_get_expr} prints it: {@code FOR VALUES IN ('1', '2')}. */
    private static final Pattern LIST_VALUE = Pattern.compile("'?(-?\\d+)'?");

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
        attachedPartitions(dsl).values().forEach(values::addAll);
        return List.copyOf(values);
    }

    /** The partitions attached now, by table name, each with its list values (none for a default partition). */
    static Map<String, List<Long>> attachedPartitions(DSLContext dsl) {
        Map<String, List<Long>> partitions = new TreeMap<>();
        dsl.resultQuery("""
                        SELECT c.relname::text, pg_get_expr(c.relpartbound, c.oid)
                          FROM pg_inherits i
                          JOIN pg_class c ON c.oid = i.inhrelid
                         WHERE i.inhparent = {0}::regclass""",
                        EVENTS.getName())
                .fetch()
                .forEach(row -> partitions.put(row.get(0, String.class), listValues(row.get(1, String.class))));
        return partitions;
    }

    /** One pass over the queue, grouped by partition: exact, and as slow as the queue is long. */
    @Override
    public Map<Long, EventCounts> eventCountsByPartition() {
        Map<Long, EventCounts> counts = new TreeMap<>();
        dsl.select(EVENTS.PARTITION_ID, count().filterWhere(PENDING),
                        count().filterWhere(EVENTS.STATUS.eq(inline((short) SyncEventStatus.PROCESSED.code()))))
                .from(EVENTS)
                .groupBy(EVENTS.PARTITION_ID)
                .fetch()
                .forEach(row -> counts.put(row.value1(), new EventCounts(row.value2(), row.value3())));
        return counts;
    }

    static List<Long> listValues(String bound) {
        int open = bound.indexOf('(');
        int close = bound.lastIndexOf(')');
        if (!bound.startsWith("FOR VALUES IN") || open < 0 || close < open) {
            return List.of();
        }
        Matcher matcher = LIST_VALUE.matcher(bound.substring(open + 1, close));
        TreeSet<Long> values = new TreeSet<>();
        while (matcher.find()) {
            values.add(Long.parseLong(matcher.group(1)));
        }
        return List.copyOf(values);
    }
}
