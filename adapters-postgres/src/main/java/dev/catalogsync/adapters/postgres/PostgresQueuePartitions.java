package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.Jooq.PENDING;
import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_RESOURCE_SYNC_EVENT_DETACHED_PARTITIONS;
import static dev.catalogsync.adapters.postgres.jooq.Tables.P_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.val;

import dev.catalogsync.adapters.postgres.jooq.tables.CatalogResourceSyncEventDetachedPartitions;
import dev.catalogsync.adapters.postgres.jooq.tables.PCatalogResourceSyncEvents;
import dev.catalogsync.application.port.out.PartitionChange;
import dev.catalogsync.application.port.out.QueuePartitions;
import dev.catalogsync.domain.SyncEventStatus;
import dev.catalogsync.domain.partitioning.AttachedPartition;
import dev.catalogsync.domain.partitioning.DetachedPartition;
import dev.catalogsync.domain.partitioning.PartitionLayout;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The partitions of {@code p_catalog_resource_sync_events}, changed by DDL that never waits long for a lock.
 *
 * <p>Every change is one transaction that starts with {@code SET LOCAL lock_timeout} and takes its strongest
 * lock first: {@code ACCESS EXCLUSIVE} on the partitioned table ({@code ONLY}, so not on every partition). That
 * one wait is where a long transaction still writing to the queue shows up; while we wait, new writers queue
 * behind us, so the wait is bounded by the lock timeout and ends in {@link PartitionChange.LockNotGranted}, not
 * in writers of {@code projects} stalled behind a stalled DDL. Once the lock is held, the change re-checks its
 * condition (nobody can insert or update events meanwhile) and then runs its DDL.
 *
 * <p>The partitioned table is locked before any partition, the same order in which every insert and update
 * through it takes its locks, so that a change never deadlocks with the worker or the trigger.
 *
 * <p>Partitions this class creates are named {@code catalog_resource_sync_events_<value>} and hold one list
 * value each. Partitions made by hand with several values (or a {@code DEFAULT} partition) are not part of the
 * layout and are left alone.
 */
public class PostgresQueuePartitions implements QueuePartitions {

    /** How long a change waits for a lock before it gives up for this attempt. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);

    static final String PARTITION_NAME_PREFIX = "catalog_resource_sync_events_";

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final PCatalogResourceSyncEvents EVENTS = P_CATALOG_RESOURCE_SYNC_EVENTS;
    private static final CatalogResourceSyncEventDetachedPartitions DETACHED = CATALOG_RESOURCE_SYNC_EVENT_DETACHED_PARTITIONS;
    /** A column default as {@code pg_get_expr} prints a bigint constant: {@code 2} or {@code '2'::bigint}. */
    private static final Pattern CONSTANT_DEFAULT = Pattern.compile("\\(?'?(\\d+)'?(::bigint)?\\)?");

    /** Called inside a change's transaction after each of its statements; tests use it to simulate a crash. */
    @FunctionalInterface
    interface Checkpoint {

        Checkpoint NONE = step -> { };

        void reached(String step);
    }

    private final DSLContext dsl;
    private final Duration lockTimeout;
    private final Checkpoint checkpoint;

    public PostgresQueuePartitions(DataSource dataSource) {
        this(dataSource, DEFAULT_LOCK_TIMEOUT);
    }

    /** @param lockTimeout longest wait for each lock a change takes; below the pool's lock timeout to matter */
    public PostgresQueuePartitions(DataSource dataSource, Duration lockTimeout) {
        this(dataSource, lockTimeout, Checkpoint.NONE);
    }

    PostgresQueuePartitions(DataSource dataSource, Duration lockTimeout, Checkpoint checkpoint) {
        this.dsl = Jooq.using(dataSource);
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("lockTimeout must be positive (0 would mean no limit), was " + lockTimeout);
        }
        this.lockTimeout = lockTimeout;
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
    }

    static String partitionName(long value) {
        return PARTITION_NAME_PREFIX + value;
    }

    @Override
    public PartitionLayout layout() {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Map<Long, String> attached = singleValuePartitions(tx);
            List<AttachedPartition> partitions = attached.isEmpty() ? List.of() : probe(tx, attached.keySet());
            List<DetachedPartition> detached = tx.select(DETACHED.PARTITION_VALUE, DETACHED.DETACHED_AT)
                    .from(DETACHED)
                    .fetch(row -> new DetachedPartition(row.value1(), row.value2().toInstant()));
            return new PartitionLayout(partitions, columnDefault(tx), detached);
        });
    }

    /**
     * For each value, the creation time of its lowest id and whether it holds a pending event: two index probes
     * of that one partition (run-time pruning picks it), never a count.
     */
    private static List<AttachedPartition> probe(DSLContext tx, Collection<Long> values) {
        return tx.resultQuery("""
                        SELECT v.value, oldest.created_at, pending.id IS NOT NULL
                          FROM unnest({0}::bigint[]) AS v(value)
                          LEFT JOIN LATERAL (
                                SELECT e.created_at FROM {1} e WHERE e.partition_id = v.value ORDER BY e.id LIMIT 1
                               ) oldest ON true
                          LEFT JOIN LATERAL (
                                SELECT e.id FROM {1} e WHERE e.partition_id = v.value AND e.status = {2}
                                 ORDER BY e.id LIMIT 1
                               ) pending ON true
                         ORDER BY v.value""",
                        val(values.toArray(Long[]::new)), EVENTS, inline(SyncEventStatus.PENDING.code()))
                .fetch(row -> {
                    long value = row.get(0, Long.class);
                    OffsetDateTime oldest = row.get(1, OffsetDateTime.class);
                    return oldest == null
                            ? AttachedPartition.empty(value)
                            : AttachedPartition.holding(value, row.get(2, Boolean.class), oldest.toInstant());
                });
    }

    /** Attached partitions holding exactly one list value, by value, with their table names. */
    private static Map<Long, String> singleValuePartitions(DSLContext tx) {
        Map<Long, String> byValue = new TreeMap<>();
        PostgresQueueInspector.attachedPartitions(tx).forEach((table, values) -> {
            if (values.size() == 1) {
                byValue.put(values.get(0), table);
            }
        });
        return byValue;
    }

    /** Whether any attached partition holds {@code value}, including partitions made with several values. */
    private static boolean anyPartitionHolds(DSLContext tx, long value) {
        return PostgresQueueInspector.attachedPartitions(tx).values().stream().anyMatch(values -> values.contains(value));
    }

    private static long columnDefault(DSLContext tx) {
        String expression = tx.resultQuery("""
                        SELECT pg_get_expr(d.adbin, d.adrelid)
                          FROM pg_attrdef d
                          JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                         WHERE d.adrelid = {0}::regclass AND a.attname = {1}""",
                        EVENTS.getName(), EVENTS.PARTITION_ID.getName())
                .fetchOptional(0, String.class)
                .orElseThrow(() -> new PostgresAdapterException(EVENTS.getName() + "." + EVENTS.PARTITION_ID.getName()
                        + " has no default: every insert naming no partition fails. Restore one with ALTER TABLE ONLY "
                        + EVENTS.getName() + " ALTER COLUMN partition_id SET DEFAULT <newest partition value>"));
        Matcher matcher = CONSTANT_DEFAULT.matcher(expression.trim());
        if (!matcher.matches()) {
            throw new PostgresAdapterException(EVENTS.getName() + ".partition_id defaults to '" + expression
                    + "', not a partition value; queue upkeep manages a constant default only");
        }
        return Long.parseLong(matcher.group(1));
    }

    @Override
    public PartitionChange createAndActivate(long value) {
        requireValue(value);
        return change("create partition " + value, tx -> {
            lockQueueTable(tx);
            checkpoint.reached("create:locked");
            if (anyPartitionHolds(tx, value)) {
                return refused("partition " + value + " exists already");
            }
            if (tableExists(tx, partitionName(value))) {
                return refused("a table named " + partitionName(value) + " exists already and is not attached");
            }
            tx.execute("CREATE TABLE {0} PARTITION OF {1} FOR VALUES IN ({2})",
                    name(partitionName(value)), EVENTS, inline(value));
            checkpoint.reached("create:created");
            setDefault(tx, value);
            checkpoint.reached("create:activated");
            return new PartitionChange.Done();
        });
    }

    @Override
    public PartitionChange activate(long value) {
        requireValue(value);
        return change("activate partition " + value, tx -> {
            lockQueueTable(tx);
            if (!anyPartitionHolds(tx, value)) {
                return refused("no attached partition holds value " + value);
            }
            setDefault(tx, value);
            checkpoint.reached("activate:activated");
            return new PartitionChange.Done();
        });
    }

    @Override
    public PartitionChange detach(long value, Instant detachedAt) {
        requireValue(value);
        Objects.requireNonNull(detachedAt, "detachedAt");
        return change("detach partition " + value, tx -> {
            // Waits for every transaction still writing to the queue to end, and keeps new ones out until commit:
            // no pending event can appear in the partition between the check below and the detach.
            lockQueueTable(tx);
            checkpoint.reached("detach:locked");
            Optional<String> table = Optional.ofNullable(singleValuePartitions(tx).get(value));
            if (table.isEmpty()) {
                return refused("partition " + value + " is not attached (or holds other values too)");
            }
            if (columnDefault(tx) == value) {
                return refused("new events land in partition " + value + " (the column default)");
            }
            // A session writing to the partition table directly, not through the queue, is waited for here.
            tx.execute("LOCK TABLE {0} IN ACCESS EXCLUSIVE MODE", name(table.get()));
            boolean pending = tx.select(exists(selectOne().from(EVENTS)
                            .where(EVENTS.PARTITION_ID.eq(inline(value))).and(PENDING)))
                    .fetchSingle()
                    .value1();
            if (pending) {
                return refused("partition " + value + " holds pending events");
            }
            tx.execute("ALTER TABLE {0} DETACH PARTITION {1}", EVENTS, name(table.get()));
            checkpoint.reached("detach:detached");
            tx.insertInto(DETACHED, DETACHED.PARTITION_VALUE, DETACHED.TABLE_NAME, DETACHED.DETACHED_AT)
                    .values(value, table.get(), OffsetDateTime.ofInstant(detachedAt, ZoneOffset.UTC))
                    .execute();
            checkpoint.reached("detach:recorded");
            return new PartitionChange.Done();
        });
    }

    @Override
    public PartitionChange drop(long value) {
        requireValue(value);
        return change("drop partition " + value, tx -> {
            Optional<String> table = tx.select(DETACHED.TABLE_NAME).from(DETACHED)
                    .where(DETACHED.PARTITION_VALUE.eq(value))
                    .forUpdate()
                    .fetchOptional(DETACHED.TABLE_NAME);
            if (table.isEmpty()) {
                return refused("no detached partition holds value " + value);
            }
            if (isAttached(tx, table.get())) {
                return refused(table.get() + " is attached to " + EVENTS.getName() + " again");
            }
            tx.execute("DROP TABLE IF EXISTS {0}", name(table.get()));
            checkpoint.reached("drop:dropped");
            tx.deleteFrom(DETACHED).where(DETACHED.PARTITION_VALUE.eq(value)).execute();
            return new PartitionChange.Done();
        });
    }

    @FunctionalInterface
    private interface Change {
        PartitionChange apply(DSLContext tx);
    }

    /**
     * Runs {@code change} in one transaction under the short lock timeout. A lock not granted in time (or a
     * deadlock, which PostgreSQL resolves by cancelling one side) rolls everything back and becomes a value.
     */
    private PartitionChange change(String what, Change change) {
        try {
            return dsl.transactionResult(configuration -> {
                DSLContext tx = configuration.dsl();
                tx.execute("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
                PartitionChange result = change.apply(tx);
                if (!(result instanceof PartitionChange.Done)) {
                    // Roll back: a refused change must leave no trace, not even its locks' side effects.
                    throw new RefusedInTransaction(result);
                }
                return result;
            });
        } catch (RefusedInTransaction refused) {
            return refused.result;
        } catch (DataAccessException e) {
            String state = e.sqlState();
            if (LOCK_NOT_AVAILABLE.equals(state) || DEADLOCK_DETECTED.equals(state)) {
                return new PartitionChange.LockNotGranted(what + ": " + (DEADLOCK_DETECTED.equals(state)
                        ? "deadlock with another transaction, cancelled by PostgreSQL"
                        : "a lock was not granted within " + lockTimeout.toMillis() + " ms; a long transaction holds it"));
            }
            throw e;
        }
    }

    /** Carries a refusal out of jOOQ's transaction so that it rolls back. */
    private static final class RefusedInTransaction extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient PartitionChange result;

        RefusedInTransaction(PartitionChange result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private static PartitionChange refused(String reason) {
        return new PartitionChange.Refused(reason);
    }

    private static void lockQueueTable(DSLContext tx) {
        tx.execute("LOCK TABLE ONLY {0} IN ACCESS EXCLUSIVE MODE", EVENTS);
    }

    /** {@code ONLY}: the inserts that matter go through the partitioned table; its partitions stay unlocked. */
    private static void setDefault(DSLContext tx, long value) {
        tx.execute("ALTER TABLE ONLY {0} ALTER COLUMN {1} SET DEFAULT {2}",
                EVENTS, name(EVENTS.PARTITION_ID.getName()), inline(value));
    }

    private static boolean tableExists(DSLContext tx, String table) {
        return tx.fetchValue(field("to_regclass({0}) IS NOT NULL", Boolean.class, val(quoted(table))));
    }

    private static boolean isAttached(DSLContext tx, String table) {
        return tx.fetchValue(field("""
                        EXISTS (SELECT 1 FROM pg_inherits
                                 WHERE inhrelid = to_regclass({0}) AND inhparent = {1}::regclass)""",
                Boolean.class, val(quoted(table)), val(EVENTS.getName())));
    }

    /** {@code to_regclass} reads an identifier as SQL would: quoted, so that case and digits stay as they are. */
    private static String quoted(String table) {
        return "\"" + table.replace("\"", "\"\"") + "\"";
    }

    private static void requireValue(long value) {
        if (value < 1) {
            throw new IllegalArgumentException("partition values start at 1, was " + value);
        }
    }
}
