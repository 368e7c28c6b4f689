package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.SyncBatches.Outcome;
import dev.catalogsync.domain.BatchResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the PostgreSQL batch adds to the contract: its limits hold for its own transaction only, a lock it cannot get
 * or a connection dropped under it rolls the whole batch back (the fence's extension of the lease included) and the
 * next batch redoes it, and a taker of the lease waits for a batch in progress to commit, even past the lease's
 * time to live, before it can take the lease over.
 */
class PostgresSyncBatchesTest {

    private static final String KEY = "batches-under-test";
    private static final Duration TTL = Duration.ofMinutes(1);
    private static final int ALL = 1000;
    private static final int EVENTS = 20;

    private static PostgresTestDatabase database;
    /** One connection: what a statement leaves on its session, the next statement sees. */
    private static HikariDataSource oneSession;

    private final PostgresSyncBatches batches = new PostgresSyncBatches(database.dataSource());
    private final PostgresExclusiveLease lease = new PostgresExclusiveLease(database.dataSource());
    private final DSLContext sql = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private ExclusiveLease.Held held;

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
        oneSession = DataSources.pooled(database.settings(), "one-session", 1);
    }

    @AfterAll
    static void drop_the_database() {
        oneSession.close();
        database.close();
    }

    @BeforeEach
    void queue_events_and_hold_the_lease() {
        database.truncateAll();
        sql.execute("INSERT INTO projects (name) SELECT 'project ' || n FROM generate_series(1, ?) n", EVENTS);
        sql.execute("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects");
        sql.execute("UPDATE projects SET name = name || ' renamed'");
        held = lease.tryObtain(KEY, TTL).orElseThrow();
    }

    @AfterEach
    void stop_the_threads() {
        threads.shutdownNow();
    }

    private long pending() {
        return database.count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1");
    }

    private long synced() {
        return database.count("SELECT count(*) FROM catalog_resources WHERE name LIKE '% renamed'");
    }

    private String leaseExpiry() {
        return database.text(
                "SELECT expires_at::text FROM catalog_sync_exclusive_leases WHERE lease_key = '" + KEY + "'");
    }

    /** A session of its own, outside every pool, holding resource 1's row locked in an open transaction. */
    private Connection lockResourceOne() throws SQLException {
        Connection blocker = DriverManager.getConnection(
                database.jdbcUrl(),
                database.settings().user(),
                database.settings().password());
        blocker.setAutoCommit(false);
        try (Statement statement = blocker.createStatement()) {
            statement.execute("SELECT 1 FROM catalog_resources WHERE id = 1 FOR UPDATE");
        }
        return blocker;
    }

    /** The backend of a batch that waits for a lock, once there is one. */
    private long waitingBatchBackend() {
        String query = "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND query LIKE '%WITH fence AS%'";
        await("a batch waiting for the locked resource")
                .atMost(Duration.ofSeconds(30))
                .until(() -> database.count("SELECT count(*) FROM (" + query + ") waiting") == 1);
        return database.count(query);
    }

    @Test
    void the_limits_hold_for_the_batch_transaction_and_leave_the_session_as_it_was() throws SQLException {
        List<String> before = sessionSettings();
        BoundedTransaction transaction = new BoundedTransaction(
                Jooq.using(oneSession),
                new BoundedTransaction.Limits(
                        PostgresSyncBatches.STATEMENT_TIMEOUT, PostgresSyncBatches.LOCK_TIMEOUT, false),
                PostgresSyncBatches.INDEX_PLANS);

        List<String> inside = transaction.queryOneRow(
                "SELECT current_setting('statement_timeout'), current_setting('lock_timeout'),"
                        + " current_setting('synchronous_commit'), current_setting('enable_seqscan'), ?::text",
                (statement, first) -> statement.setString(first, "bound"),
                row -> List.of(
                        row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5)));

        assertThat(inside).containsExactly("10s", "2s", "off", "off", "bound");
        assertThat(sessionSettings())
                .as("the pool's, as before")
                .isEqualTo(before)
                .startsWith("30s", "5s");
        assertThat(sessionSettings()).endsWith("on");
    }

    /** The one-session pool's statement timeout, lock timeout, synchronous commit and seqscan, as its session has them. */
    private static List<String> sessionSettings() throws SQLException {
        try (Connection session = oneSession.getConnection();
                Statement statement = session.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_setting('statement_timeout'),"
                        + " current_setting('lock_timeout'), current_setting('synchronous_commit'),"
                        + " current_setting('enable_seqscan')")) {
            row.next();
            return List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4));
        }
    }

    @Test
    void a_resource_locked_past_the_lock_timeout_fails_the_whole_batch_and_the_next_redoes_it() throws Exception {
        String expiryBefore = leaseExpiry();
        try (Connection blocker = lockResourceOne()) {
            assertThatThrownBy(() -> batches.syncNextBatch(held.token(), ALL))
                    .isInstanceOf(DataAccessException.class)
                    .satisfies(failure -> assertThat(((DataAccessException) failure).sqlState())
                            .isEqualTo("55P03"));

            assertThat(pending()).isEqualTo(EVENTS);
            assertThat(synced()).isZero();
            assertThat(leaseExpiry())
                    .as("the fence's extension, rolled back too")
                    .isEqualTo(expiryBefore);
            blocker.rollback();
        }

        assertThat(batches.syncNextBatch(held.token(), ALL))
                .isEqualTo(new Outcome.Synced(new BatchResult(EVENTS, EVENTS, EVENTS)));
        assertThat(synced()).isEqualTo(EVENTS);
    }

    @Test
    void a_connection_dropped_mid_batch_rolls_the_batch_back_and_the_next_redoes_it() throws Exception {
        String expiryBefore = leaseExpiry();
        try (Connection blocker = lockResourceOne()) {
            Future<Outcome> batch = threads.submit(() -> batches.syncNextBatch(held.token(), ALL));
            long backend = waitingBatchBackend();

            database.count("SELECT count(*) FROM pg_terminate_backend(" + backend + ") WHERE true");

            assertThatThrownBy(() -> batch.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(DataAccessException.class);
            assertThat(pending()).isEqualTo(EVENTS);
            assertThat(synced()).isZero();
            assertThat(leaseExpiry()).isEqualTo(expiryBefore);
            blocker.rollback();
        }

        assertThat(batches.syncNextBatch(held.token(), ALL))
                .isEqualTo(new Outcome.Synced(new BatchResult(EVENTS, EVENTS, EVENTS)));
        assertThat(pending()).isZero();
        assertThat(synced()).isEqualTo(EVENTS);
    }

    @Test
    void a_taker_waits_while_a_batch_holds_the_lease_row_and_takes_an_expired_lease_only_after_the_commit()
            throws Exception {
        held.close();
        ExclusiveLease.Held shortLived =
                lease.tryObtain(KEY, Duration.ofMillis(500)).orElseThrow();
        PostgresSyncBatches patient = new PostgresSyncBatches(
                database.dataSource(),
                new BoundedTransaction.Limits(Duration.ofSeconds(60), Duration.ofSeconds(60), false));
        try (Connection blocker = lockResourceOne()) {
            Future<Outcome> batch = threads.submit(() -> patient.syncNextBatch(shortLived.token(), ALL));
            waitingBatchBackend();
            await("the lease's time to live to run out while the batch runs")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> database.count("SELECT count(*) FROM catalog_sync_exclusive_leases"
                                    + " WHERE expires_at < clock_timestamp()")
                            == 1);

            Future<Optional<ExclusiveLease.Held>> taker = threads.submit(() -> lease.tryObtain(KEY, TTL));
            await("the taker to wait for the batch's lock on the lease row")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> database.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                    + " AND query ILIKE 'insert into%catalog_sync_exclusive_leases%'")
                            == 1);
            assertThat(taker).isNotDone();
            blocker.rollback();

            assertThat(batch.get(30, TimeUnit.SECONDS))
                    .isEqualTo(new Outcome.Synced(new BatchResult(EVENTS, EVENTS, EVENTS)));
            assertThat(taker.get(30, TimeUnit.SECONDS))
                    .as("taken over after the batch committed")
                    .isPresent();
        }
        assertThat(synced()).isEqualTo(EVENTS);
    }

    @Test
    void a_fenced_batch_grants_the_lease_its_time_to_live_again_on_the_database_clock() {
        String obtainedUntil = leaseExpiry();

        batches.syncNextBatch(held.token(), ALL);

        assertThat(database.count("SELECT count(*) FROM catalog_sync_exclusive_leases WHERE lease_key = '" + KEY
                        + "' AND expires_at > '" + obtainedUntil + "'::timestamptz"))
                .isEqualTo(1);
    }
}
