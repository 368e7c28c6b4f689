package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.MirrorDrift;
import dev.catalogsync.application.port.out.SyncBatches.Outcome;
import dev.catalogsync.domain.BatchResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch costs one statement and one commit whatever its size: GitLab's per-event saves are what we replace, and
 * the take, the copy and the mark of a batch are one statement in one round trip.
 */
class SetBasedStatementsTest {

    private static PostgresTestDatabase database;

    private final StatementCountingDataSource counting = new StatementCountingDataSource(database.dataSource());
    private final PostgresSyncEventQueue queue = new PostgresSyncEventQueue(counting.dataSource());
    private final PostgresSyncBatches batches = new PostgresSyncBatches(counting.dataSource());
    private final PostgresExclusiveLease lease = new PostgresExclusiveLease(database.dataSource());
    private final PostgresMirrorDrift drift = new PostgresMirrorDrift(counting.dataSource());
    private final DSLContext sql = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
    private ExclusiveLease.Held held;

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void start_with_empty_tables_and_the_lease_held() {
        database.truncateAll();
        held = lease.tryObtain("set-based", Duration.ofMinutes(1)).orElseThrow();
    }

    @AfterEach
    void release_the_lease() {
        held.close();
    }

    /** {@code count} catalog projects renamed by one bulk update, so the trigger queues one event each. */
    private void queueEventsForRenamedProjects(int count) {
        sql.execute("INSERT INTO projects (name) SELECT 'project ' || n FROM generate_series(1, ?) AS n", count);
        sql.execute("INSERT INTO catalog_resources (project_id, name, description, visibility_level) "
                + "SELECT id, name, description, visibility_level FROM projects");
        sql.execute("UPDATE projects SET name = name || ' renamed'");
    }

    private int roundTripsOf(int limit, AtomicReference<Outcome> outcome) {
        return counting.statementsIssuedBy(() -> outcome.set(batches.syncNextBatch(held.token(), limit)));
    }

    @ParameterizedTest(name = "{0} events")
    @ValueSource(ints = {10, 5000})
    void taking_syncing_and_marking_a_batch_is_one_statement_and_no_separate_commit(int size) {
        queueEventsForRenamedProjects(size);
        AtomicReference<Outcome> outcome = new AtomicReference<>();

        int roundTrips = roundTripsOf(size, outcome);

        assertThat(outcome.get()).isEqualTo(new Outcome.Synced(new BatchResult(size, size, size)));
        assertThat(roundTrips).isEqualTo(1);
        assertThat(queue.hasPending()).isFalse();
        assertThat(sql.fetchCount(sql.selectFrom("catalog_resources").where("name NOT LIKE '% renamed'")))
                .isZero();
    }

    @ParameterizedTest(name = "{0} events")
    @ValueSource(ints = {10, 5000})
    void a_batch_whose_resources_already_match_writes_no_row_of_them(int size) {
        queueEventsForRenamedProjects(size);
        sql.execute("UPDATE catalog_resources c SET name = p.name FROM projects p WHERE p.id = c.project_id");
        String versionsBefore = sql.fetchValue("SELECT string_agg(xmin::text, ',' ORDER BY id) FROM catalog_resources")
                .toString();

        batches.syncNextBatch(held.token(), size);

        assertThat(sql.fetchValue("SELECT string_agg(xmin::text, ',' ORDER BY id) FROM catalog_resources")
                        .toString())
                .isEqualTo(versionsBefore);
        assertThat(queue.hasPending()).isFalse();
    }

    /** Only a batch taken across a rotation of the partitions spans two; it is still one statement. */
    @ParameterizedTest(name = "{0} events in each partition")
    @ValueSource(ints = {10, 5000})
    void a_batch_that_spans_two_partitions_is_one_statement_too(int size) {
        database.resetQueuePartitions();
        try {
            queueEventsForRenamedProjects(size);
            sql.execute("CREATE TABLE catalog_resource_sync_events_2 "
                    + "PARTITION OF p_catalog_resource_sync_events FOR VALUES IN (2)");
            sql.execute("ALTER TABLE ONLY p_catalog_resource_sync_events ALTER COLUMN partition_id SET DEFAULT 2");
            sql.execute("UPDATE projects SET name = name || ' again'");
            AtomicReference<Outcome> outcome = new AtomicReference<>();

            int roundTrips = roundTripsOf(2 * size, outcome);

            assertThat(roundTrips).isEqualTo(1);
            assertThat(outcome.get()).isEqualTo(new Outcome.Synced(new BatchResult(2L * size, 2 * size, 2 * size)));
            assertThat(queue.hasPending()).isFalse();
        } finally {
            database.resetQueuePartitions();
        }
    }

    @Test
    void a_batch_of_an_empty_queue_and_a_fenced_off_batch_are_one_statement_each() {
        AtomicReference<Outcome> outcome = new AtomicReference<>();

        assertThat(roundTripsOf(1000, outcome)).isEqualTo(1);
        assertThat(outcome.get()).isEqualTo(new Outcome.Synced(BatchResult.nothingConsumable(0)));

        database.expireLease("set-based");
        assertThat(roundTripsOf(1000, outcome)).isEqualTo(1);
        assertThat(outcome.get()).isEqualTo(new Outcome.LeaseLost());
    }

    @ParameterizedTest(name = "{0} resources")
    @ValueSource(ints = {10, 5000})
    void checking_and_repairing_a_page_of_drift_takes_one_statement(int size) {
        sql.execute("INSERT INTO projects (name) SELECT 'project ' || n FROM generate_series(1, ?) AS n", size);
        sql.execute("INSERT INTO catalog_resources (project_id, name, description, visibility_level) "
                + "SELECT id, 'drifted', description, visibility_level FROM projects");
        AtomicReference<MirrorDrift.DriftPage> page = new AtomicReference<>();

        int statements = counting.statementsIssuedBy(() -> page.set(drift.checkPage(Long.MIN_VALUE, size, true)));

        assertThat(statements).isEqualTo(1);
        assertThat(page.get().drifted()).isEqualTo(size);
        assertThat(page.get().queued()).isEqualTo(size);
        assertThat(queue.pendingRange().orElseThrow().estimatedTotal()).isEqualTo(size);
    }
}
