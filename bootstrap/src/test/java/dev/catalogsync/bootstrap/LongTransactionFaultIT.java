package dev.catalogsync.bootstrap;

import static dev.catalogsync.bootstrap.FaultWorld.figure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.PerformSyncWorker;
import dev.catalogsync.bootstrap.wiring.CommandLineDriverModule;
import dev.catalogsync.domain.WorkerRun;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A long transaction held open beside the drain (a host's report, a {@code pg_dump}, a forgotten session): the drain
 * goes on without error and loses nothing, and this measures what it costs. Every event marked processed leaves a
 * dead entry in the partial index of pending events that no scan may skip while a snapshot older than the mark
 * exists, so each batch's scan for pending events walks, and visits the heap for, every event processed since that
 * transaction began: the cost of a batch grows with the transaction's age. Once it ends, the first scan marks
 * those entries dead and later ones skip them without visiting the heap (reading only index pages), and VACUUM, or
 * the drop of the partition, removes them.
 */
class LongTransactionFaultIT {

    private static final int BACKLOG = 150_000;
    private static final int MEASURE_EVERY = 25_000;
    private static final String PENDING_SCAN =
            "SELECT id FROM p_catalog_resource_sync_events WHERE status = 1 ORDER BY id LIMIT 1000";

    private static PostgresTestDatabase database;
    private static FaultWorld world;

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.createMigrated();
        world = new FaultWorld(database);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /** One measurement of the batch's scan for pending events: buffers it touched and how long it took. */
    record ScanCost(long processedSoFar, long buffers, double milliseconds, double lastBatchMilliseconds) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%d processed: scan %d buffers, %.1f ms; batch %.1f ms",
                    processedSoFar,
                    buffers,
                    milliseconds,
                    lastBatchMilliseconds);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                database.jdbcUrl(),
                database.settings().user(),
                database.settings().password());
    }

    /** The batch's take, planned as in the batch's transaction (index scans only), run and measured. */
    private static ScanCost scanCost(long processedSoFar, double lastBatchMilliseconds) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off");
            String json;
            try (ResultSet plan = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + PENDING_SCAN)) {
                plan.next();
                json = plan.getString(1);
            }
            try (ResultSet figures = statement.executeQuery("SELECT (p -> 0 -> 'Plan' ->> 'Shared Hit Blocks')::bigint"
                    + " + (p -> 0 -> 'Plan' ->> 'Shared Read Blocks')::bigint, (p -> 0 ->> 'Execution Time')::float8"
                    + " FROM (SELECT '" + json.replace("'", "''") + "'::jsonb AS p) explained")) {
                figures.next();
                return new ScanCost(processedSoFar, figures.getLong(1), figures.getDouble(2), lastBatchMilliseconds);
            }
        }
    }

    @Test
    void a_transaction_held_open_beside_the_drain_slows_its_scan_but_costs_no_error_and_no_event() throws Exception {
        world.backlogOf(BACKLOG);
        world.flag(true);
        List<ScanCost> whileOpen = new ArrayList<>();
        try (CatalogSyncService sync = CatalogSyncService.builder(database.dataSource())
                        .overriding(new CommandLineDriverModule())
                        .withoutScheduler()
                        .build();
                Connection longTransaction = connect()) {
            PerformSyncWorker worker = sync.port(PerformSyncWorker.class);
            longTransaction.setAutoCommit(false);
            longTransaction.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = longTransaction.createStatement();
                    ResultSet snapshot = statement.executeQuery("SELECT count(*) FROM catalog_resources")) {
                snapshot.next();
            }
            whileOpen.add(scanCost(0, 0));

            long processed = 0;
            WorkerRun run;
            do {
                long started = System.nanoTime();
                run = worker.perform(BatchSize.DEFAULT);
                double batchMilliseconds = (System.nanoTime() - started) / 1e6;
                long before = processed;
                if (run instanceof WorkerRun.Processed done) {
                    processed += done.result().processedEvents().orElse(0);
                }
                if (processed / MEASURE_EVERY > before / MEASURE_EVERY) {
                    whileOpen.add(scanCost(processed, batchMilliseconds));
                }
            } while (run.reenqueued());
            ScanCost drainedWhileOpen = scanCost(processed, 0);
            longTransaction.commit();
            ScanCost firstAfter = scanCost(processed, 0);
            ScanCost secondAfter = scanCost(processed, 0);
            database.execute("VACUUM p_catalog_resource_sync_events");
            ScanCost afterVacuum = scanCost(processed, 0);

            whileOpen.forEach(cost -> figure("pending scan beside a long transaction", cost));
            figure("pending scan of the drained queue, transaction still open", drainedWhileOpen);
            figure("pending scan after it ended, first (marks the dead entries)", firstAfter);
            figure("pending scan after it ended, second (index pages only)", secondAfter);
            figure("pending scan after VACUUM", afterVacuum);

            assertThat(processed).isEqualTo(BACKLOG);
            assertThat(world.pending()).isZero();
            assertThat(world.drifted()).isZero();
            assertThat(drainedWhileOpen.buffers())
                    .as("the scan walks the dead entries of every event processed since the transaction began")
                    .isGreaterThan(whileOpen.get(0).buffers() * 10);
            assertThat(secondAfter.buffers())
                    .as("once the transaction has ended, the dead entries are skipped without a heap visit")
                    .isLessThan(drainedWhileOpen.buffers() / 2);
            assertThat(afterVacuum.buffers())
                    .as("and VACUUM removes them")
                    .isLessThanOrEqualTo(whileOpen.get(0).buffers());
        }
    }
}
