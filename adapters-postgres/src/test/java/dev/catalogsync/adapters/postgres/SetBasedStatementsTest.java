package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.port.out.MirrorDrift;
import dev.catalogsync.domain.SyncBatch;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A batch costs the same statements whatever its size: GitLab's per-event saves are what we replace. */
class SetBasedStatementsTest {

    private static PostgresTestDatabase database;

    private final StatementCountingDataSource counting = new StatementCountingDataSource(database.dataSource());
    private final PostgresSyncEventQueue queue = new PostgresSyncEventQueue(counting.dataSource());
    private final PostgresCatalogMirror mirror = new PostgresCatalogMirror(counting.dataSource());
    private final PostgresMirrorDrift drift = new PostgresMirrorDrift(counting.dataSource());
    private final DSLContext sql = DSL.using(database.dataSource(), SQLDialect.POSTGRES);

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void start_with_empty_tables() {
        database.truncateAll();
    }

    /** {@code count} catalog projects renamed by one bulk update, so the trigger queues one event each. */
    private void queueEventsForRenamedProjects(int count) {
        sql.execute("INSERT INTO projects (name) SELECT 'project ' || n FROM generate_series(1, ?) AS n", count);
        sql.execute("INSERT INTO catalog_resources (project_id, name, description, visibility_level) "
                + "SELECT id, name, description, visibility_level FROM projects");
        sql.execute("UPDATE projects SET name = name || ' renamed'");
    }

    @ParameterizedTest(name = "{0} events")
    @ValueSource(ints = {10, 5000})
    void reading_syncing_and_marking_a_batch_takes_one_statement_each(int size) {
        queueEventsForRenamedProjects(size);
        AtomicReference<SyncBatch> batch = new AtomicReference<>();

        int reads = counting.statementsIssuedBy(() -> batch.set(queue.nextPendingBatch(size)));
        AtomicInteger synced = new AtomicInteger();
        int syncs = counting.statementsIssuedBy(
                () -> synced.set(mirror.syncFromProjects(batch.get().catalogResourceIds())));
        AtomicInteger marked = new AtomicInteger();
        int marks = counting.statementsIssuedBy(() -> marked.set(queue.markProcessed(batch.get())));

        assertThat(batch.get().size()).isEqualTo(size);
        assertThat(synced).hasValue(size);
        assertThat(marked).hasValue(size);
        assertThat(List.of(reads, syncs, marks)).containsExactly(1, 1, 1);
        assertThat(queue.hasPending()).isFalse();
        assertThat(sql.fetchCount(sql.selectFrom("catalog_resources").where("name NOT LIKE '% renamed'")))
                .isZero();
    }

    @ParameterizedTest(name = "{0} events")
    @ValueSource(ints = {10, 5000})
    void a_resync_of_a_synced_batch_writes_nothing(int size) {
        queueEventsForRenamedProjects(size);
        SyncBatch batch = queue.nextPendingBatch(size);
        mirror.syncFromProjects(batch.catalogResourceIds());

        assertThat(mirror.syncFromProjects(batch.catalogResourceIds())).isZero();
    }

    /** Only a batch taken across a rotation of the partitions spans two; each still costs one statement. */
    @ParameterizedTest(name = "{0} events in each partition")
    @ValueSource(ints = {10, 5000})
    void marking_a_batch_that_spans_two_partitions_takes_one_statement_per_partition(int size) {
        database.resetQueuePartitions();
        try {
            queueEventsForRenamedProjects(size);
            sql.execute("CREATE TABLE catalog_resource_sync_events_2 "
                    + "PARTITION OF p_catalog_resource_sync_events FOR VALUES IN (2)");
            sql.execute("ALTER TABLE ONLY p_catalog_resource_sync_events ALTER COLUMN partition_id SET DEFAULT 2");
            sql.execute("UPDATE projects SET name = name || ' again'");
            SyncBatch batch = queue.nextPendingBatch(2 * size);
            assertThat(batch.eventIdsByPartition().keySet()).containsExactly(1L, 2L);
            AtomicInteger marked = new AtomicInteger();

            int marks = counting.statementsIssuedBy(() -> marked.set(queue.markProcessed(batch)));

            assertThat(marks).isEqualTo(2);
            assertThat(marked).hasValue(2 * size);
            assertThat(queue.hasPending()).isFalse();
        } finally {
            database.resetQueuePartitions();
        }
    }

    @Test
    void empty_calls_cost_no_round_trip() {
        assertThat(counting.statementsIssuedBy(() -> mirror.syncFromProjects(List.of())))
                .isZero();
        assertThat(counting.statementsIssuedBy(() -> queue.markProcessed(SyncBatch.empty())))
                .isZero();
        assertThat(counting.statementsIssuedBy(() -> queue.nextPendingBatch(0))).isZero();
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
