package dev.catalogsync.adapters.postgres;

import dev.catalogsync.application.port.out.LeaseToken;
import dev.catalogsync.application.port.out.SyncBatches;
import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.PendingRange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A whole batch as one statement, one transaction and one round trip: the fence on the lease, GitLab's estimate,
 * the take, the copy into {@code catalog_resources} and the mark, as data-modifying CTEs of one {@code WITH}.
 *
 * <ul>
 *   <li><b>The fence comes first.</b> {@code UPDATE catalog_sync_exclusive_leases ... WHERE owner_token = ours AND
 *       expires_at > clock_timestamp()} (the database clock at that moment, not {@code now()}, which is when the
 *       transaction started) both proves the lease is still ours and grants it its time to live again. It locks the
 *       lease row until the batch commits, so nobody can take the lease over while the batch writes. The take reads
 *       nothing unless the fence returned its row ({@code EXISTS (SELECT FROM fence)}, evaluated once, before the
 *       scan), and the copy and the mark act only on what the take returned: a lost lease writes nothing at all.
 *       </li>
 *   <li><b>Plans that stay on the indexes</b> whatever the tables' size and statistics: the batch is handed to the
 *       two updates as arrays ({@code id = ANY(ARRAY(SELECT ... FROM taken))}, an init plan), never joined, so they
 *       probe the primary keys of {@code catalog_resources} and {@code projects} and the partial index of pending
 *       events; a join against the batch can turn into a hash join over a sequential scan of a large table once the
 *       planner misjudges the batch's size. The pending filter is the literal {@code status = 1} (the partial
 *       index's predicate) and the limit a literal too; {@link #INDEX_PLANS} keeps the planner off sequential and
 *       bitmap scans, sorts and hash or merge joins for this transaction, so a table whose statistics are missing or
 *       stale cannot turn the take into a sort of the whole backlog. {@code BatchPlansStayOnTheIndexesTest} checks
 *       the plans.</li>
 *   <li><b>Bounded.</b> Through {@link BoundedTransaction}: {@link #STATEMENT_TIMEOUT} and {@link #LOCK_TIMEOUT},
 *       both well below the lease's time to live, so no batch holds the lease row, a resource or an event locked
 *       longer.</li>
 *   <li><b>{@code synchronous_commit = off}</b> for this transaction only. A server crash just after the commit may
 *       lose the transaction, and only as a whole: the copies and the marks vanish together, the events are pending
 *       again and the next batch copies the same values again (the copy is idempotent). Nothing outside the database
 *       acts on the commit except the worker's figures and log line, which may then count a batch twice. In exchange
 *       the commit does not wait for the WAL flush, a large share of a batch's time on a disk that flushes slowly.
 *       </li>
 * </ul>
 *
 * <p>Exactness of the mark: events are named by id, and by partition among those the batch took; ids come from one
 * sequence, so an id names one event across the partitions.
 */
public class PostgresSyncBatches implements SyncBatches {

    /** The longest a batch runs; far below the lease's minute, so a stuck batch gives the lease row up early. */
    public static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(10);

    /** The longest a batch waits for a lock: a resource row a host's transaction holds, or the lease row. */
    public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Planner settings for the batch's transaction only: index scans and nested loops, whatever the statistics say.
     * On a partition loaded faster than autovacuum analyzes it, the planner's default guess for {@code status = 1}
     * (a few hundred rows) makes a bitmap scan of every pending event plus a sort look cheaper than reading the
     * partial index in order: each batch then reads the whole backlog, and a drain becomes quadratic. With these, the
     * take reads its batch off the partial index in id order, the copy and the mark probe primary keys.
     */
    static final Map<String, String> INDEX_PLANS = indexPlans();

    /**
     * {@code %d}: the batch size, written into the text as a literal so that even a generic plan knows it.
     * Parameters: lease key, owner token, time to live in seconds.
     */
    private static final String BATCH = """
            WITH fence AS (
                UPDATE catalog_sync_exclusive_leases
                   SET expires_at = clock_timestamp() + make_interval(secs => ?)
                 WHERE lease_key = ? AND owner_token = ?::uuid AND expires_at > clock_timestamp()
                RETURNING lease_key
            ), taken AS MATERIALIZED (
                SELECT e.id, e.partition_id, e.catalog_resource_id
                  FROM p_catalog_resource_sync_events e
                 WHERE e.status = 1 AND EXISTS (SELECT FROM fence)
                 ORDER BY e.id
                 LIMIT %d
            ), synced AS (
                UPDATE catalog_resources cr
                   SET name = p.name, description = p.description, visibility_level = p.visibility_level,
                       updated_at = now()
                  FROM projects p
                 WHERE cr.id = ANY (ARRAY(SELECT t.catalog_resource_id FROM taken t))
                   AND p.id = cr.project_id
                   AND (cr.name, cr.description, cr.visibility_level)
                       IS DISTINCT FROM (p.name, p.description, p.visibility_level)
                RETURNING cr.id
            ), marked AS (
                UPDATE p_catalog_resource_sync_events e
                   SET status = 2, updated_at = now()
                 WHERE e.id = ANY (ARRAY(SELECT t.id FROM taken t))
                   AND e.partition_id = ANY (ARRAY(SELECT DISTINCT t.partition_id FROM taken t))
                   AND e.status = 1
                RETURNING e.id
            )
            SELECT EXISTS (SELECT FROM fence),
                   (SELECT min(id) FROM p_catalog_resource_sync_events WHERE status = 1),
                   (SELECT max(id) FROM p_catalog_resource_sync_events WHERE status = 1),
                   (SELECT count(*) FROM taken),
                   (SELECT count(*) FROM marked)""";

    private final BoundedTransaction transaction;

    public PostgresSyncBatches(DataSource dataSource) {
        this(dataSource, new BoundedTransaction.Limits(STATEMENT_TIMEOUT, LOCK_TIMEOUT, false));
    }

    /** With other limits: for tests that need a batch to wait longer than production allows. */
    PostgresSyncBatches(DataSource dataSource, BoundedTransaction.Limits limits) {
        this.transaction = new BoundedTransaction(Jooq.using(dataSource), limits, INDEX_PLANS);
    }

    private static Map<String, String> indexPlans() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String plan : List.of("seqscan", "bitmapscan", "sort", "hashjoin", "mergejoin")) {
            settings.put("enable_" + plan, "off");
        }
        return Collections.unmodifiableMap(settings);
    }

    @Override
    public Outcome syncNextBatch(LeaseToken fence, int limit) {
        Objects.requireNonNull(fence, "fence");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
        }
        return transaction.queryOneRow(
                batchStatement(limit),
                (statement, first) -> {
                    statement.setDouble(first, PostgresExclusiveLease.seconds(fence.timeToLive()));
                    statement.setString(first + 1, fence.key());
                    statement.setString(first + 2, fence.owner().toString());
                },
                PostgresSyncBatches::outcome);
    }

    /** The batch's statement for {@code limit} events, as it is sent (after the limits), for plan tests. */
    static String batchStatement(int limit) {
        return BATCH.formatted(limit);
    }

    private static Outcome outcome(ResultSet row) throws SQLException {
        if (!row.getBoolean(1)) {
            return new Outcome.LeaseLost();
        }
        long lowest = row.getLong(2);
        long estimatedTotal = row.wasNull() ? 0 : new PendingRange(lowest, row.getLong(3)).estimatedTotal();
        int consumable = row.getInt(4);
        return new Outcome.Synced(
                consumable == 0
                        ? BatchResult.nothingConsumable(estimatedTotal)
                        : new BatchResult(estimatedTotal, consumable, row.getInt(5)));
    }
}
