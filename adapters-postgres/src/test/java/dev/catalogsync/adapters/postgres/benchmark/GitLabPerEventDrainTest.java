package dev.catalogsync.adapters.postgres.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads.ProjectRange;
import dev.catalogsync.adapters.postgres.benchmark.GitLabPerEventDrain.Totals;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The baseline does GitLab's work, statement for statement: its results are checked like ours are. */
class GitLabPerEventDrainTest {

    private static PostgresTestDatabase database;

    private final BenchWorkloads workloads = new BenchWorkloads(database.dataSource());
    private final GitLabPerEventDrain drain = new GitLabPerEventDrain(database.dataSource(), Clock.systemUTC());

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void start_empty() {
        database.resetQueuePartitions();
        workloads.clear();
    }

    @Test
    void it_syncs_every_resource_and_marks_every_event_batch_by_batch() {
        ProjectRange catalog = workloads.createCatalogProjects(2500);
        workloads.rename(catalog, "round 1");

        Totals totals = drain.drain();

        assertThat(workloads.pendingEvents()).isZero();
        assertThat(workloads.driftedResources()).isZero();
        assertThat(totals.batches()).isEqualTo(3);
        assertThat(totals.processedEvents()).isEqualTo(2500);
        assertThat(totals.resourceUpdates()).isEqualTo(2500);
        // Per batch: upper bound, events, two preloads, one mark, the exists check; per update BEGIN, UPDATE, COMMIT.
        assertThat(totals.roundTrips()).isEqualTo(3 * 6 + 3 * 2500);
    }

    @Test
    void a_resource_named_by_several_events_of_a_batch_is_written_once_and_an_orphan_not_at_all() {
        ProjectRange catalog = workloads.createCatalogProjects(10);
        workloads.rename(catalog, "round 1");
        workloads.rename(catalog, "round 2");
        workloads.rename(catalog.first(1), "round 3");
        database.execute("DELETE FROM projects WHERE id = 10");

        Totals totals = drain.drain();

        assertThat(totals.processedEvents()).isEqualTo(21);
        assertThat(totals.resourceUpdates())
                .as("nine live resources, each once")
                .isEqualTo(9);
        assertThat(workloads.pendingEvents()).isZero();
        assertThat(workloads.driftedResources()).isZero();
    }

    @Test
    void events_of_two_partitions_are_marked_with_one_update_each() {
        ProjectRange catalog = workloads.createCatalogProjects(4);
        workloads.rename(catalog, "round 1");
        database.execute("CREATE TABLE catalog_resource_sync_events_2 PARTITION OF p_catalog_resource_sync_events "
                + "FOR VALUES IN (2)");
        database.execute("ALTER TABLE ONLY p_catalog_resource_sync_events ALTER COLUMN partition_id SET DEFAULT 2");
        workloads.rename(catalog, "round 2");

        Totals totals = drain.drain();

        assertThat(totals.processedEvents()).isEqualTo(8);
        assertThat(totals.roundTrips())
                .as("one batch with two marks, four updates")
                .isEqualTo(7 + 3 * 4);
        assertThat(workloads.pendingEvents()).isZero();
    }

    @Test
    void an_empty_queue_costs_one_batch_of_three_statements() {
        Totals totals = drain.drain();

        assertThat(totals).isEqualTo(new Totals(1, 0, 0, 3));
    }
}
