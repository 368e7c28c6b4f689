package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.testing.PostgresCatalogWorld;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.contract.MirroredAttributes;
import dev.catalogsync.application.contract.VisibilityLevel;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.Completed;
import dev.catalogsync.application.port.out.PartitionChange;
import dev.catalogsync.application.port.out.PartitionStatistics;
import dev.catalogsync.application.service.MaintainQueuePartitionsService;
import dev.catalogsync.domain.SyncEvent;
import dev.catalogsync.domain.partitioning.AttachedPartition;
import dev.catalogsync.domain.partitioning.PartitionLayout;
import dev.catalogsync.domain.partitioning.PartitionStep.Activate;
import dev.catalogsync.domain.partitioning.PartitionStep.Drop;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.IntStream;
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
 * What the contract cannot show on one connection: changes killed half-way, locks held by long transactions,
 * and inserts racing with a rotation, on the real partitioned table with the real trigger.
 */
class PostgresQueuePartitionsTest {

    /** Short, so that giving up is quick; no assertion depends on how long anything took. */
    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(300);

    private static final String UNDER_TEST = "partitions-under-test";
    private static final Instant DETACHED_AT = Instant.parse("2026-02-01T00:00:00Z");

    private static PostgresTestDatabase database;
    /** The pool the changes under test run on, named so that a test can find and kill its sessions. */
    private static HikariDataSource underTest;

    private final PostgresCatalogWorld world = database.world();
    private final PostgresQueuePartitions partitions = new PostgresQueuePartitions(underTest, LOCK_TIMEOUT);
    private final DSLContext sql = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private int renames;

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
        underTest = DataSources.pooled(database.settings(), UNDER_TEST, 2);
    }

    @AfterAll
    static void drop_the_database() {
        underTest.close();
        database.close();
    }

    @BeforeEach
    void start_with_the_partitions_as_migrated() {
        database.truncateAll();
        database.resetQueuePartitions();
    }

    @AfterEach
    void stop_the_threads() {
        threads.shutdownNow();
    }

    private long catalogProject() {
        long project = world.createProject(new MirroredAttributes("project", null, VisibilityLevel.PUBLIC));
        world.createCatalogResource(project);
        return project;
    }

    /** Renames a catalog project: the trigger queues one event where the column default says. */
    private SyncEvent rename(long project) {
        world.updateProject(project, new MirroredAttributes("renamed " + ++renames, null, VisibilityLevel.PUBLIC));
        List<SyncEvent> events = world.events();
        return events.get(events.size() - 1);
    }

    /** Renames {@code project} on a connection of its own that waits up to {@code lockTimeout} for locks. */
    private int renameWaitingUpTo(long project, Duration lockTimeout) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
                int updated = statement.executeUpdate(
                        "UPDATE projects SET name = 'renamed " + ++renames + "' WHERE id = " + project);
                connection.commit();
                return updated;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private void processEverything() {
        world.events().stream().filter(SyncEvent::isPending).forEach(world::markProcessed);
    }

    private static PartitionLayout asMigrated() {
        return new PartitionLayout(List.of(AttachedPartition.empty(1)), 1, List.of());
    }

    /**
     * Changes whose session is killed right after the first statement containing {@code statement} (any case),
     * inside the change's transaction, as a crash of its process between that statement and the next would.
     */
    private PostgresQueuePartitions crashingAfter(String statement) {
        AtomicBoolean killed = new AtomicBoolean();
        return new PostgresQueuePartitions(
                StatementObservingDataSource.observing(underTest, ran -> {
                    if (ran.toUpperCase(Locale.ROOT).contains(statement) && killed.compareAndSet(false, true)) {
                        // Only the session inside the change's transaction: the pool's idle ones are left alone.
                        sql.fetch(
                                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                        + "WHERE application_name = ? AND state <> 'idle'",
                                UNDER_TEST);
                    }
                }),
                LOCK_TIMEOUT);
    }

    private long countRows(String query) {
        return ((Number) sql.fetchValue(query)).longValue();
    }

    @ParameterizedTest(name = "killed after {0}")
    @ValueSource(strings = {"LOCK TABLE ONLY", "CREATE TABLE", "ALTER TABLE ONLY"})
    void a_rotation_killed_at_any_step_leaves_partition_1_active_and_inserts_working(String statement) {
        long project = catalogProject();
        rename(project);

        assertThatThrownBy(() -> crashingAfter(statement).createAndActivate(2)).isInstanceOf(RuntimeException.class);

        assertThat(partitions.layout().defaultValue()).isEqualTo(1);
        assertThat(partitions.layout().attached())
                .extracting(AttachedPartition::value)
                .containsExactly(1L);
        assertThat(rename(project).partitionId()).isEqualTo(1);
        assertThat(partitions.createAndActivate(2)).isEqualTo(new PartitionChange.Done());
        assertThat(rename(project).partitionId()).isEqualTo(2);
    }

    @ParameterizedTest(name = "killed after {0}")
    @ValueSource(strings = {"LOCK TABLE ONLY", "DETACH PARTITION", "INSERT INTO"})
    void a_detach_killed_at_any_step_leaves_the_partition_attached_and_unrecorded(String statement) {
        long project = catalogProject();
        rename(project);
        processEverything();
        partitions.createAndActivate(2);

        assertThatThrownBy(() -> crashingAfter(statement).detach(1, DETACHED_AT))
                .isInstanceOf(RuntimeException.class);

        PartitionLayout layout = partitions.layout();
        assertThat(layout.attached()).extracting(AttachedPartition::value).containsExactly(1L, 2L);
        assertThat(layout.detached()).isEmpty();
        assertThat(rename(project).partitionId()).isEqualTo(2);
        assertThat(partitions.detach(1, DETACHED_AT)).isEqualTo(new PartitionChange.Done());
    }

    @Test
    void a_drop_killed_half_way_keeps_the_table_and_its_record() {
        partitions.createAndActivate(2);
        partitions.detach(1, DETACHED_AT);

        assertThatThrownBy(() -> crashingAfter("DROP TABLE").drop(1)).isInstanceOf(RuntimeException.class);

        assertThat(partitions.layout().detached())
                .extracting(detached -> detached.value())
                .containsExactly(1L);
        assertThat(countRows("SELECT count(*) FROM catalog_resource_sync_events_1"))
                .isZero();
        assertThat(partitions.drop(1)).isEqualTo(new PartitionChange.Done());
        assertThat(sql.fetchValue("SELECT to_regclass('catalog_resource_sync_events_1') IS NULL"))
                .isEqualTo(true);
    }

    private void recordAsDetached(long value, String table) {
        sql.execute(
                "INSERT INTO catalog_resource_sync_event_detached_partitions (partition_value, table_name, detached_at)"
                        + " VALUES (?, ?, now() - interval '30 days')",
                value,
                table);
    }

    private boolean tableExists(String table) {
        return sql.fetchValue("SELECT to_regclass(?) IS NOT NULL", table).equals(true);
    }

    @Test
    void a_detached_record_naming_another_table_is_refused_and_that_table_kept() {
        recordAsDetached(7, "projects");

        PartitionChange drop = partitions.drop(7);

        assertThat(drop).isInstanceOf(PartitionChange.Refused.class);
        assertThat(((PartitionChange.Refused) drop).reason())
                .contains("names projects", "not catalog_resource_sync_events_7", "not ours to drop");
        assertThat(tableExists("projects")).isTrue();
        assertThat(partitions.layout().detached())
                .extracting(detached -> detached.value())
                .containsExactly(7L);
    }

    @Test
    void a_detached_record_naming_our_partition_of_another_value_is_refused() {
        recordAsDetached(9, "catalog_resource_sync_events_1");

        assertThat(partitions.drop(9)).isInstanceOf(PartitionChange.Refused.class);
        assertThat(partitions.layout().attached())
                .extracting(AttachedPartition::value)
                .containsExactly(1L);
    }

    @Test
    void a_table_of_our_name_that_is_a_partition_of_another_table_is_refused() {
        sql.execute(
                "CREATE TABLE someone_elses_events (partition_id bigint NOT NULL) PARTITION BY LIST (partition_id)");
        try {
            sql.execute(
                    "CREATE TABLE catalog_resource_sync_events_8 PARTITION OF someone_elses_events FOR VALUES IN (8)");
            recordAsDetached(8, "catalog_resource_sync_events_8");

            PartitionChange drop = partitions.drop(8);

            assertThat(drop).isInstanceOf(PartitionChange.Refused.class);
            assertThat(((PartitionChange.Refused) drop).reason()).contains("partition of another table");
            assertThat(tableExists("catalog_resource_sync_events_8")).isTrue();
        } finally {
            sql.execute("DROP TABLE someone_elses_events");
        }
    }

    @Test
    void a_view_of_our_name_is_refused() {
        sql.execute("CREATE VIEW catalog_resource_sync_events_6 AS SELECT 1 AS one");
        try {
            recordAsDetached(6, "catalog_resource_sync_events_6");

            assertThat(partitions.drop(6)).isInstanceOf(PartitionChange.Refused.class);
            assertThat(tableExists("catalog_resource_sync_events_6")).isTrue();
        } finally {
            sql.execute("DROP VIEW catalog_resource_sync_events_6");
        }
    }

    @Test
    void a_round_reports_the_refused_drop_and_drops_the_partitions_that_are_ours() {
        partitions.createAndActivate(2);
        partitions.detach(1, DETACHED_AT);
        recordAsDetached(7, "catalog_resources");
        MaintainQueuePartitionsService maintenance = new MaintainQueuePartitionsService(
                partitions,
                new PostgresExclusiveLease(database.dataSource()),
                duration -> {},
                PartitionStatistics.NOOP,
                Clock.systemUTC());

        Completed round = (Completed) maintenance.maintain(SlidingListPolicy.DEFAULT);

        assertThat(round.done()).containsExactly(new Drop(1));
        assertThat(round.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.step()).isEqualTo(new Drop(7));
            assertThat(skipped.reason()).contains("names catalog_resources");
        });
        assertThat(tableExists("catalog_resources")).isTrue();
        assertThat(tableExists("catalog_resource_sync_events_1")).isFalse();
    }

    @Test
    void a_default_naming_no_partition_breaks_inserts_and_the_next_round_repairs_it() {
        long project = catalogProject();
        sql.execute("ALTER TABLE ONLY p_catalog_resource_sync_events ALTER COLUMN partition_id SET DEFAULT 5");
        assertThatThrownBy(() -> rename(project)).hasMessageContaining("no partition of relation");

        MaintainQueuePartitionsService maintenance = new MaintainQueuePartitionsService(
                partitions,
                new PostgresExclusiveLease(database.dataSource()),
                duration -> {},
                PartitionStatistics.NOOP,
                new SettableClock());
        Completed round = (Completed) maintenance.maintain(SlidingListPolicy.DEFAULT);

        assertThat(round.done()).containsExactly(new Activate(1));
        assertThat(rename(project).partitionId()).isEqualTo(1);
    }

    @Test
    void new_partitions_get_the_partial_index_of_pending_ids() {
        partitions.createAndActivate(2);

        assertThat(sql.fetchValue("SELECT indexdef FROM pg_indexes WHERE tablename = 'catalog_resource_sync_events_2' "
                        + "AND indexdef LIKE '%WHERE (status = 1)%'"))
                .isNotNull();
    }

    @Test
    void a_long_transaction_writing_to_the_queue_makes_a_rotation_give_up_and_not_wait() throws Exception {
        long busy = catalogProject();
        long other = catalogProject();
        try (Connection longTransaction = database.dataSource().getConnection()) {
            longTransaction.setAutoCommit(false);
            try (Statement statement = longTransaction.createStatement()) {
                statement.execute("UPDATE projects SET name = 'in a long transaction' WHERE id = " + busy);
            }

            PartitionChange change = partitions.createAndActivate(2);

            assertThat(change).isInstanceOf(PartitionChange.LockNotGranted.class);
            assertThat(((PartitionChange.LockNotGranted) change).detail()).contains("create partition 2", "300 ms");
            assertThat(rename(other).partitionId()).isEqualTo(1);
            longTransaction.commit();
        }

        assertThat(partitions.createAndActivate(2)).isEqualTo(new PartitionChange.Done());
    }

    @Test
    void writers_queued_behind_a_waiting_rotation_go_on_as_soon_as_it_gives_up() throws Exception {
        long busy = catalogProject();
        long other = catalogProject();
        PostgresQueuePartitions patient = new PostgresQueuePartitions(underTest, Duration.ofSeconds(5));
        try (Connection longTransaction = database.dataSource().getConnection()) {
            longTransaction.setAutoCommit(false);
            try (Statement statement = longTransaction.createStatement()) {
                statement.execute("UPDATE projects SET name = 'in a long transaction' WHERE id = " + busy);
            }
            Future<PartitionChange> rotation = threads.submit(() -> patient.createAndActivate(2));
            awaitSessionsWaitingForALock(1);
            // The writer waits on its own connection with a lock timeout well past the rotation's: with the pool's
            // (5 s, as the rotation's) the two timers would race, and the writer could give up first.
            Future<Integer> writer = threads.submit(() -> renameWaitingUpTo(other, Duration.ofSeconds(30)));
            awaitSessionsWaitingForALock(2);

            assertThat(rotation.get(30, TimeUnit.SECONDS)).isInstanceOf(PartitionChange.LockNotGranted.class);
            assertThat(writer.get(30, TimeUnit.SECONDS))
                    .as("the writer's update went through")
                    .isEqualTo(1);
            assertThat(countRows("SELECT count(*) FROM catalog_resource_sync_events_1 WHERE project_id = " + other))
                    .as("its event landed in partition 1, the rotation having given up")
                    .isEqualTo(1);
            longTransaction.rollback();
        }
    }

    private void awaitSessionsWaitingForALock(int sessions) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> countRows(
                                "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'p_catalog_resource_sync_events'::regclass")
                        >= sessions);
    }

    @Test
    void inserts_running_concurrently_with_rotations_and_a_detach_lose_nothing() throws Exception {
        int writers = 3;
        int updatesAfterTheLastRotation = 20;
        List<Long> projects =
                IntStream.range(0, writers).mapToObj(i -> catalogProject()).toList();
        AtomicBoolean rotated = new AtomicBoolean();
        try (HikariDataSource writerPool = DataSources.pooled(database.settings(), "writers", writers)) {
            DSLContext writerSql = DSL.using(writerPool, SQLDialect.POSTGRES);
            Function<Long, Integer> writer = project -> {
                int updates = 0;
                int afterRotation = 0;
                while (afterRotation < updatesAfterTheLastRotation) {
                    writerSql.execute(
                            "UPDATE projects SET name = CASE WHEN name = 'a' THEN 'b' ELSE 'a' END WHERE id = ?",
                            project);
                    updates++;
                    if (rotated.get()) {
                        afterRotation++;
                    }
                }
                return updates;
            };
            List<Future<Integer>> running = new ArrayList<>();
            projects.forEach(project -> running.add(threads.submit(() -> writer.apply(project))));

            for (long next = 2; next <= 4; next++) {
                long seen = countRows("SELECT count(*) FROM p_catalog_resource_sync_events");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> countRows("SELECT count(*) FROM p_catalog_resource_sync_events") > seen + 10);
                long value = next;
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> partitions.createAndActivate(value) instanceof PartitionChange.Done);
                if (value == 3) {
                    sql.execute("UPDATE p_catalog_resource_sync_events SET status = 2 WHERE partition_id = 1");
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> partitions.detach(1, DETACHED_AT) instanceof PartitionChange.Done);
                }
            }
            rotated.set(true);
            long updates = 0;
            for (Future<Integer> future : running) {
                updates += future.get(60, TimeUnit.SECONDS);
            }

            long queued = countRows("SELECT count(*) FROM p_catalog_resource_sync_events");
            long detached = countRows("SELECT count(*) FROM catalog_resource_sync_events_1");
            assertThat(queued + detached).isEqualTo(updates);
            assertThat(sql.fetch("SELECT DISTINCT partition_id FROM p_catalog_resource_sync_events ORDER BY 1")
                            .getValues(0, Long.class))
                    .containsExactly(2L, 3L, 4L);
            assertThat(countRows("SELECT count(*) FROM catalog_resource_sync_events_1 WHERE status = 1"))
                    .isZero();
        }
    }
}
