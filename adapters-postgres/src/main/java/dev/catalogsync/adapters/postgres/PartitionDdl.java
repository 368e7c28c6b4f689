package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_RESOURCE_SYNC_EVENT_DETACHED_PARTITIONS;
import static dev.catalogsync.adapters.postgres.jooq.Tables.P_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import dev.catalogsync.adapters.postgres.jooq.tables.CatalogResourceSyncEventDetachedPartitions;
import dev.catalogsync.adapters.postgres.jooq.tables.PCatalogResourceSyncEvents;
import dev.catalogsync.application.port.out.PartitionChange;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The four DDL steps of queue upkeep, one method each, each one transaction of {@link LockTimeoutTransactions}.
 * A step takes its strongest lock first, re-checks under it (through {@link PartitionCatalog}) the condition that
 * makes it safe, and answers {@link PartitionChange.Refused}, rolled back, when that does not hold. Each first checks
 * that the session's role owns the queue, as PostgreSQL requires for this DDL, and is refused, before any lock, when
 * it does not.
 *
 * <p>Parent first: a step that touches an attached partition takes {@code ACCESS EXCLUSIVE} on
 * {@code p_catalog_resource_sync_events} ({@code ONLY}, so not on every partition) before any partition, the order
 * in which every insert and the worker's updates take their locks: the opposite order can deadlock with them.
 * That one wait is where a long transaction still writing to the queue shows up; once the lock is held nobody can
 * insert or update events until commit, so the re-check stays true.
 *
 * <p>Partitions made here are named {@code catalog_resource_sync_events_<value>} and hold one list value each.
 * Partitions made by hand with several values (or a {@code DEFAULT} partition) are left alone.
 */
final class PartitionDdl {

    private static final String PARTITION_NAME_PREFIX = "catalog_resource_sync_events_";

    private static final PCatalogResourceSyncEvents EVENTS = P_CATALOG_RESOURCE_SYNC_EVENTS;
    private static final CatalogResourceSyncEventDetachedPartitions DETACHED =
            CATALOG_RESOURCE_SYNC_EVENT_DETACHED_PARTITIONS;

    private final LockTimeoutTransactions transactions;

    PartitionDdl(LockTimeoutTransactions transactions) {
        this.transactions = transactions;
    }

    private static String partitionName(long value) {
        return PARTITION_NAME_PREFIX + value;
    }

    /**
     * Creates partition {@code value} and points the column default at it. One transaction for create and default:
     * done in two, a crash in between leaves either a partition nobody writes to (harmless, the next round
     * activates it) or, in the other order, a default naming no partition, which fails every project update.
     */
    PartitionChange createAndActivate(long value) {
        return ownerOnly("create partition " + value, tx -> {
            PartitionCatalog catalog = new PartitionCatalog(tx);
            lockQueueTable(tx);
            if (catalog.anyPartitionHolds(value)) {
                return refused("partition " + value + " exists already");
            }
            if (catalog.tableExists(partitionName(value))) {
                return refused("a table named " + partitionName(value) + " exists already and is not attached");
            }
            tx.execute(
                    "CREATE TABLE {0} PARTITION OF {1} FOR VALUES IN ({2})",
                    name(partitionName(value)), EVENTS, inline(value));
            setDefault(tx, value);
            return new PartitionChange.Done();
        });
    }

    /** Points the column default at the attached partition {@code value} (repairs a default moved by hand). */
    PartitionChange activate(long value) {
        return ownerOnly("activate partition " + value, tx -> {
            lockQueueTable(tx);
            if (!new PartitionCatalog(tx).anyPartitionHolds(value)) {
                return refused("no attached partition holds value " + value);
            }
            setDefault(tx, value);
            return new PartitionChange.Done();
        });
    }

    /** Detaches partition {@code value} when it holds no pending event and is not the default; records when. */
    PartitionChange detach(long value, Instant detachedAt) {
        return ownerOnly("detach partition " + value, tx -> {
            PartitionCatalog catalog = new PartitionCatalog(tx);
            // Waits for every transaction still writing to the queue to end, and keeps new ones out until commit:
            // no pending event can appear in the partition between the check below and the detach.
            lockQueueTable(tx);
            Optional<String> table =
                    Optional.ofNullable(catalog.singleValuePartitions().get(value));
            if (table.isEmpty()) {
                return refused("partition " + value + " is not attached (or holds other values too)");
            }
            if (catalog.partitionIdDefault() == value) {
                return refused("new events land in partition " + value + " (the column default)");
            }
            // A session writing to the partition table directly, not through the queue, is waited for here.
            tx.execute("LOCK TABLE {0} IN ACCESS EXCLUSIVE MODE", name(table.get()));
            if (catalog.holdsPendingEvents(value)) {
                return refused("partition " + value + " holds pending events");
            }
            tx.execute("ALTER TABLE {0} DETACH PARTITION {1}", EVENTS, name(table.get()));
            tx.insertInto(DETACHED, DETACHED.PARTITION_VALUE, DETACHED.TABLE_NAME, DETACHED.DETACHED_AT)
                    .values(value, table.get(), OffsetDateTime.ofInstant(detachedAt, ZoneOffset.UTC))
                    .execute();
            return new PartitionChange.Done();
        });
    }

    /**
     * Drops the table recorded as detached partition {@code value} and forgets it, but only a table that is surely
     * one of ours: recorded by us for that value, named as we name that value's partition, an ordinary table, and a
     * partition of nothing now. A record naming any other table (written by hand, or by a bug) is refused and the
     * table left alone: a wrong row must not cost someone a table.
     */
    PartitionChange drop(long value) {
        return ownerOnly("drop partition " + value, tx -> {
            PartitionCatalog catalog = new PartitionCatalog(tx);
            Optional<String> table = catalog.lockDetachedRecord(value);
            if (table.isEmpty()) {
                return refused("no detached partition holds value " + value);
            }
            if (!table.get().equals(partitionName(value))) {
                return refused("the record of detached partition " + value + " names " + table.get()
                        + ", not " + partitionName(value) + ": not ours to drop; delete the record from "
                        + DETACHED.getName() + " once you have checked that table");
            }
            if (catalog.isAttached(table.get())) {
                return refused(table.get() + " is attached to " + EVENTS.getName() + " again");
            }
            if (catalog.isPartitionOfAnyTable(table.get())) {
                return refused(table.get() + " is a partition of another table now: not ours to drop");
            }
            if (catalog.tableExists(table.get()) && !catalog.isOrdinaryTable(table.get())) {
                return refused(table.get() + " is not an ordinary table (a view, a partitioned table, ...):"
                        + " not a partition we detached");
            }
            tx.execute("DROP TABLE IF EXISTS {0}", name(table.get()));
            tx.deleteFrom(DETACHED).where(DETACHED.PARTITION_VALUE.eq(value)).execute();
            return new PartitionChange.Done();
        });
    }

    /**
     * Runs {@code change} in its transaction only when the session's role owns the queue, as DDL on it requires:
     * another role (the least-privilege role the service may run as) gets a {@link PartitionChange.Refused} that
     * says so, before any lock is taken, rather than an error after its {@code LOCK} held up the queue's writers.
     */
    private PartitionChange ownerOnly(String what, LockTimeoutTransactions.Change change) {
        return transactions.run(what, tx -> {
            Optional<String> notOwner = new PartitionCatalog(tx).whyNotQueueOwner();
            return notOwner.isPresent() ? refused("not allowed: " + notOwner.get()) : change.apply(tx);
        });
    }

    private static PartitionChange refused(String reason) {
        return new PartitionChange.Refused(reason);
    }

    /** Parent first, {@code ONLY}: see the class comment. */
    private static void lockQueueTable(DSLContext tx) {
        tx.execute("LOCK TABLE ONLY {0} IN ACCESS EXCLUSIVE MODE", EVENTS);
    }

    /**
     * {@code ALTER TABLE ONLY}: the inserts that matter go through the partitioned table; without {@code ONLY}
     * PostgreSQL also rewrites every partition's default, taking an {@code ACCESS EXCLUSIVE} lock on each.
     */
    private static void setDefault(DSLContext tx, long value) {
        tx.execute(
                "ALTER TABLE ONLY {0} ALTER COLUMN {1} SET DEFAULT {2}",
                EVENTS, name(EVENTS.PARTITION_ID.getName()), inline(value));
    }
}
