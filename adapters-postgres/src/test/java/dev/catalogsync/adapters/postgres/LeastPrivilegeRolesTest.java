package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.testing.DocumentedRoles;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.fakes.RecordingWorkerQueue;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.flags.FeatureFlagDefinitions;
import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.Completed;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.SkippedStep;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.PartitionStatistics;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.application.service.MaintainQueuePartitionsService;
import dev.catalogsync.application.service.PerformSyncWorkerService;
import dev.catalogsync.domain.WorkerRun;
import dev.catalogsync.domain.partitioning.PartitionStep.CreateAndActivate;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The roles of {@code docs/installing.md}, granted exactly as written there, on a host application's database:
 * {@code migrate} as the owner beside the host's tables, the sync as the worker, the read-only commands as the
 * reader, and the trigger on behalf of the host's own writer of {@code projects}.
 */
class LeastPrivilegeRolesTest {

    private static final String FLAG = FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name();

    private static PostgresTestDatabase database;
    private static DocumentedRoles roles;
    private static HikariDataSource owner;
    private static HikariDataSource worker;
    private static HikariDataSource reader;
    private static HikariDataSource hostWriter;

    @BeforeAll
    static void install_as_the_documented_roles_on_a_host_database() throws IOException {
        database = PostgresTestDatabase.createEmpty();
        database.execute(resource("/db/host-app/V1__host_application_tables.sql"));
        roles = DocumentedRoles.withUniqueNames();
        roles.run(1, database.dataSource());
        // The host application's own role, which writes projects as it always has.
        database.execute("CREATE ROLE " + roles.name("gitlab") + " LOGIN PASSWORD '" + DocumentedRoles.PASSWORD
                + "'; GRANT SELECT, UPDATE ON projects TO " + roles.name("gitlab"));
        roles.run(2, database.dataSource());
        owner = pool("catalog_sync_owner");
        new SchemaMigrator(owner).migrate();
        roles.run(3, owner);
        worker = pool("catalog_sync_worker");
        reader = pool("catalog_sync_reader");
        hostWriter = pool("gitlab");
    }

    @AfterAll
    static void drop_the_roles_and_the_database() {
        for (HikariDataSource pool : new HikariDataSource[] {owner, worker, reader, hostWriter}) {
            if (pool != null) {
                pool.close();
            }
        }
        roles.drop(database.dataSource());
        database.close();
    }

    @BeforeEach
    void start_with_one_catalog_project_and_an_empty_queue() {
        database.execute("TRUNCATE catalog_resources, p_catalog_resource_sync_events, catalog_sync_feature_flags, "
                + "catalog_sync_exclusive_leases");
        database.execute("INSERT INTO catalog_resources (project_id, name, description, visibility_level) "
                + "SELECT id, name, description, visibility_level FROM projects WHERE id = 1");
    }

    private static HikariDataSource pool(String exampleRole) {
        PostgresConnectionSettings superuser = database.settings();
        return DataSources.pooled(
                new PostgresConnectionSettings(superuser.jdbcUrl(), roles.name(exampleRole), DocumentedRoles.PASSWORD),
                exampleRole,
                2);
    }

    private static String resource(String name) throws IOException {
        try (InputStream sql = LeastPrivilegeRolesTest.class.getResourceAsStream(name)) {
            return new String(sql.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void renameProjectOneAsTheHost(String name) {
        try (Connection connection = hostWriter.getConnection();
                PreparedStatement rename = connection.prepareStatement("UPDATE projects SET name = ? WHERE id = 1")) {
            rename.setString(1, name);
            rename.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void migrate_as_the_owner_leaves_the_host_tables_to_the_host_and_owns_ours() {
        assertThat(database.text("SELECT tableowner FROM pg_tables WHERE tablename = 'catalog_sync_feature_flags'"))
                .isEqualTo(roles.name("catalog_sync_owner"));
        assertThat(database.text("SELECT tableowner FROM pg_tables WHERE tablename = 'projects'"))
                .isEqualTo(database.settings().user());
    }

    @Test
    void the_host_writer_queues_an_event_through_the_trigger_with_the_documented_grants() {
        renameProjectOneAsTheHost("renamed by the host");

        assertThat(database.count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1"))
                .isEqualTo(1);
    }

    @Test
    void the_worker_syncs_the_mirror_sets_flags_and_queues_repairs() {
        renameProjectOneAsTheHost("synced by the worker");
        new PostgresFeatureFlagStore(worker).setOverride(FLAG, true);
        PerformSyncWorkerService perform = new PerformSyncWorkerService(
                new PostgresSyncEventQueue(worker),
                new PostgresSyncBatches(worker),
                new PostgresExclusiveLease(worker),
                new RecordingWorkerQueue(),
                new FeatureFlagStates(new PostgresFeatureFlagStore(worker)),
                SyncStatistics.NOOP,
                EnqueueStatistics.NOOP,
                new SettableClock());

        WorkerRun run = perform.perform(BatchSize.DEFAULT);

        assertThat(run).isInstanceOf(WorkerRun.Processed.class);
        assertThat(database.text("SELECT name FROM catalog_resources")).isEqualTo("synced by the worker");
        database.execute("UPDATE catalog_resources SET name = 'drifted'");
        assertThat(new PostgresMirrorDrift(worker).checkPage(0, 100, true).queued())
                .isEqualTo(1);
    }

    @Test
    void a_partition_round_as_the_worker_is_not_allowed_and_changes_nothing_while_the_owner_may() {
        renameProjectOneAsTheHost("an event in partition 1");
        SettableClock twoDaysLater = new SettableClock(Instant.now().plus(Duration.ofDays(2)));

        Completed asWorker = (Completed) new MaintainQueuePartitionsService(
                        new PostgresQueuePartitions(worker),
                        new PostgresExclusiveLease(worker),
                        duration -> {},
                        PartitionStatistics.NOOP,
                        twoDaysLater)
                .maintain(SlidingListPolicy.DEFAULT);

        assertThat(asWorker.done()).isEmpty();
        assertThat(asWorker.skipped())
                .extracting(SkippedStep::reason)
                .singleElement()
                .asString()
                .startsWith("not allowed: the database role '" + roles.name("catalog_sync_worker") + "' does not own");
        assertThat(database.text("SELECT string_agg(relname, ',') FROM pg_class "
                        + "WHERE relname ~ '^catalog_resource_sync_events_[0-9]+$'"))
                .isEqualTo("catalog_resource_sync_events_1");

        Completed asOwner = (Completed) new MaintainQueuePartitionsService(
                        new PostgresQueuePartitions(owner),
                        new PostgresExclusiveLease(owner),
                        duration -> {},
                        PartitionStatistics.NOOP,
                        twoDaysLater)
                .maintain(SlidingListPolicy.DEFAULT);

        assertThat(asOwner.done()).containsExactly(new CreateAndActivate(2));
        renameProjectOneAsTheHost("an event in partition 2, written through the parent's grants");
        assertThat(database.count("SELECT count(*) FROM catalog_resource_sync_events_2"))
                .isEqualTo(1);
        database.resetQueuePartitions();
    }

    @Test
    void the_reader_reads_what_status_partitions_and_reconcile_show_and_may_not_write() {
        renameProjectOneAsTheHost("pending");

        assertThat(new PostgresQueueInspector(reader).pendingCount()).isEqualTo(1);
        assertThat(new PostgresQueueInspector(reader).eventCountsByPartition()).containsOnlyKeys(1L);
        assertThat(new PostgresQueuePartitions(reader).layout().defaultValue()).isEqualTo(1);
        assertThat(new PostgresMirrorDrift(reader).checkPage(0, 100, false).drifted())
                .isEqualTo(1);
        assertThat(new PostgresFeatureFlagStore(reader).overrides()).isEmpty();

        assertThatThrownBy(() -> new PostgresFeatureFlagStore(reader).setOverride(FLAG, true))
                .isInstanceOfSatisfying(
                        DataAccessException.class, e -> assertThat(e.sqlState()).isEqualTo("42501"))
                .hasMessageContaining("permission denied for table catalog_sync_feature_flags");
        assertThatThrownBy(() -> new PostgresMirrorDrift(reader).checkPage(0, 100, true))
                .isInstanceOfSatisfying(
                        DataAccessException.class, e -> assertThat(e.sqlState()).isEqualTo("42501"));
    }
}
