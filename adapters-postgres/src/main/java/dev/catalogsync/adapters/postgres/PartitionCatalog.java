package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.CatalogExpressions.listValues;
import static dev.catalogsync.adapters.postgres.Jooq.PENDING;
import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_RESOURCE_SYNC_EVENT_DETACHED_PARTITIONS;
import static dev.catalogsync.adapters.postgres.jooq.Tables.P_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.val;

import dev.catalogsync.adapters.postgres.jooq.tables.CatalogResourceSyncEventDetachedPartitions;
import dev.catalogsync.adapters.postgres.jooq.tables.PCatalogResourceSyncEvents;
import dev.catalogsync.domain.SyncEventStatus;
import dev.catalogsync.domain.partitioning.AttachedPartition;
import dev.catalogsync.domain.partitioning.DetachedPartition;
import dev.catalogsync.domain.partitioning.PartitionLayout;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Record3;

/**
 * Every read about the partitions of {@code p_catalog_resource_sync_events}: the attached tables and their list
 * values ({@code pg_inherits}), the {@code partition_id} column default ({@code pg_attrdef}), the tables queue
 * upkeep detached and has not dropped yet, and index probes of one partition's events (never a count).
 *
 * <p>The reads run on the context given: on the pool's each is its own transaction; inside a partition change
 * they see what that change's locks hold still. None takes a lock beyond a {@code SELECT}'s, except
 * {@link #lockDetachedRecord}, which says so.
 */
final class PartitionCatalog {

    private static final PCatalogResourceSyncEvents EVENTS = P_CATALOG_RESOURCE_SYNC_EVENTS;
    private static final CatalogResourceSyncEventDetachedPartitions DETACHED =
            CATALOG_RESOURCE_SYNC_EVENT_DETACHED_PARTITIONS;

    private final DSLContext dsl;

    PartitionCatalog(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * The layout the sliding-list policy plans from: the single-value partitions with their oldest event and
     * whether they hold a pending one, the column default, the detached partitions. Run it in one transaction.
     */
    PartitionLayout layout() {
        Map<Long, String> attached = singleValuePartitions();
        List<AttachedPartition> partitions = attached.isEmpty() ? List.of() : probe(attached.keySet());
        List<DetachedPartition> detached = detachedPartitions();
        return new PartitionLayout(partitions, partitionIdDefault(), detached);
    }

    /** The partitions attached now, by table name, each with its list values (none for a default partition). */
    Map<String, List<Long>> attachedPartitions() {
        Map<String, List<Long>> partitions = new TreeMap<>();
        dsl.resultQuery("""
                        SELECT c.relname::text, pg_get_expr(c.relpartbound, c.oid)
                          FROM pg_inherits i
                          JOIN pg_class c ON c.oid = i.inhrelid
                         WHERE i.inhparent = {0}::regclass""", EVENTS.getName())
                .fetch()
                .forEach(row -> partitions.put(row.get(0, String.class), listValues(row.get(1, String.class))));
        return partitions;
    }

    /** Attached partitions holding exactly one list value, by value, with their table names. */
    Map<Long, String> singleValuePartitions() {
        Map<Long, String> byValue = new TreeMap<>();
        attachedPartitions().forEach((table, values) -> {
            if (values.size() == 1) {
                byValue.put(values.get(0), table);
            }
        });
        return byValue;
    }

    /** Whether any attached partition holds {@code value}, including partitions made with several values. */
    boolean anyPartitionHolds(long value) {
        return attachedPartitions().values().stream().anyMatch(values -> values.contains(value));
    }

    /**
     * The partition value the {@code partition_id} column default names: where the trigger's inserts land.
     *
     * @throws PostgresAdapterException when there is no default, or it is not a constant partition value
     */
    long partitionIdDefault() {
        String expression = dsl.resultQuery("""
                        SELECT pg_get_expr(d.adbin, d.adrelid)
                          FROM pg_attrdef d
                          JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                         WHERE d.adrelid = {0}::regclass AND a.attname = {1}""", EVENTS.getName(), EVENTS.PARTITION_ID.getName())
                .fetchOptional(0, String.class)
                .orElseThrow(() -> new PostgresAdapterException(EVENTS.getName() + "." + EVENTS.PARTITION_ID.getName()
                        + " has no default: every insert naming no partition fails. Restore one with ALTER TABLE ONLY "
                        + EVENTS.getName() + " ALTER COLUMN partition_id SET DEFAULT <newest partition value>"));
        return CatalogExpressions.constant(expression)
                .orElseThrow(() -> new PostgresAdapterException(EVENTS.getName()
                        + ".partition_id defaults to '" + expression
                        + "', not a partition value; queue upkeep manages a constant"
                        + " default only"));
    }

    /**
     * For each value, the creation time of its lowest id and whether it holds a pending event: two index probes
     * of that one partition (run-time pruning picks it), never a count.
     */
    private List<AttachedPartition> probe(Collection<Long> values) {
        return dsl.resultQuery("""
                        SELECT v.value, oldest.created_at, pending.id IS NOT NULL
                          FROM unnest({0}::bigint[]) AS v(value)
                          LEFT JOIN LATERAL (
                                SELECT e.created_at FROM {1} e WHERE e.partition_id = v.value ORDER BY e.id LIMIT 1
                               ) oldest ON true
                          LEFT JOIN LATERAL (
                                SELECT e.id FROM {1} e WHERE e.partition_id = v.value AND e.status = {2}
                                 ORDER BY e.id LIMIT 1
                               ) pending ON true
                         ORDER BY v.value""", val(values.toArray(Long[]::new)), EVENTS, inline(SyncEventStatus.PENDING.code()))
                .fetch(row -> {
                    long value = row.get(0, Long.class);
                    OffsetDateTime oldest = row.get(1, OffsetDateTime.class);
                    return oldest == null
                            ? AttachedPartition.empty(value)
                            : AttachedPartition.holding(value, row.get(2, Boolean.class), oldest.toInstant());
                });
    }

    /** Whether partition {@code value} holds a pending event: one probe of its partial index. */
    boolean holdsPendingEvents(long value) {
        return dsl.select(exists(selectOne()
                        .from(EVENTS)
                        .where(EVENTS.PARTITION_ID.eq(inline(value)))
                        .and(PENDING)))
                .fetchSingle()
                .value1();
    }

    /** The partitions queue upkeep detached and has not dropped yet, with when each was detached. */
    List<DetachedPartition> detachedPartitions() {
        return dsl.select(DETACHED.PARTITION_VALUE, DETACHED.DETACHED_AT)
                .from(DETACHED)
                .fetch(row -> new DetachedPartition(row.value1(), row.value2().toInstant()));
    }

    /**
     * The table recorded as the detached partition {@code value}, its record locked ({@code FOR UPDATE}) until the
     * transaction ends, so that two drops of it cannot both go ahead.
     */
    Optional<String> lockDetachedRecord(long value) {
        return dsl.select(DETACHED.TABLE_NAME)
                .from(DETACHED)
                .where(DETACHED.PARTITION_VALUE.eq(value))
                .forUpdate()
                .fetchOptional(DETACHED.TABLE_NAME);
    }

    /**
     * Why the session's role may not change the queue's partitions (DDL needs the owner of
     * {@code p_catalog_resource_sync_events}, or a member of its role); empty when it may.
     */
    Optional<String> whyNotQueueOwner() {
        Record3<Boolean, String, String> owner = dsl.resultQuery("""
                        SELECT pg_has_role(c.relowner, 'USAGE'), current_user::text, c.relowner::regrole::text
                          FROM pg_class c
                         WHERE c.oid = {0}::regclass""", EVENTS.getName())
                .coerce(field("owns", Boolean.class), field("role", String.class), field("owner", String.class))
                .fetchSingle();
        if (owner.value1()) {
            return Optional.empty();
        }
        return Optional.of("the database role '" + owner.value2() + "' does not own " + EVENTS.getName()
                + " (its owner is '" + owner.value3() + "'); partition changes run as the owner, e.g. 'partitions "
                + "sync' with the owner's credentials (see docs/installing.md)");
    }

    /** Whether a table (or any relation) of that exact name exists, attached or not. */
    boolean tableExists(String table) {
        return dsl.fetchValue(field("to_regclass({0}) IS NOT NULL", Boolean.class, val(quoted(table))));
    }

    /** Whether the table of that exact name is a partition of the queue now. */
    boolean isAttached(String table) {
        return dsl.fetchValue(field("""
                        EXISTS (SELECT 1 FROM pg_inherits
                                 WHERE inhrelid = to_regclass({0}) AND inhparent = {1}::regclass)""", Boolean.class, val(quoted(table)), val(EVENTS.getName())));
    }

    /** Whether the table of that exact name is a partition of any table now, ours or another. */
    boolean isPartitionOfAnyTable(String table) {
        return dsl.fetchValue(field(
                "EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass({0}))",
                Boolean.class, val(quoted(table))));
    }

    /** Whether the relation of that exact name is an ordinary table (not a view, partitioned table, index, ...). */
    boolean isOrdinaryTable(String table) {
        return dsl.fetchValue(field(
                "EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass({0}) AND relkind = 'r')",
                Boolean.class, val(quoted(table))));
    }

    /** {@code to_regclass} reads an identifier as SQL would: quoted, so that case and digits stay as they are. */
    private static String quoted(String table) {
        return "\"" + table.replace("\"", "\"\"") + "\"";
    }
}
