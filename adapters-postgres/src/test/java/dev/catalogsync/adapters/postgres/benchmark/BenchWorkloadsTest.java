package dev.catalogsync.adapters.postgres.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads.ProjectRange;
import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads.WriteCost;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BenchWorkloadsTest {

    private static PostgresTestDatabase database;

    private final BenchWorkloads workloads = new BenchWorkloads(database.dataSource());

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
        workloads.clear();
    }

    @Test
    void catalog_projects_are_made_in_sync_and_ordinary_ones_without_a_resource() {
        ProjectRange catalog = workloads.createCatalogProjects(30);
        ProjectRange ordinary = workloads.createOrdinaryProjects(20);

        assertThat(catalog).isEqualTo(new ProjectRange(1, 30));
        assertThat(ordinary).isEqualTo(new ProjectRange(31, 50));
        assertThat(database.count("SELECT count(*) FROM catalog_resources")).isEqualTo(30);
        assertThat(workloads.driftedResources()).isZero();
        assertThat(workloads.pendingEvents()).isZero();
    }

    @Test
    void a_bulk_rename_queues_one_event_per_catalog_project_and_leaves_their_resources_behind() {
        ProjectRange catalog = workloads.createCatalogProjects(30);
        ProjectRange ordinary = workloads.createOrdinaryProjects(20);

        assertThat(workloads.rename(catalog, "round 1")).isEqualTo(30);
        assertThat(workloads.rename(ordinary, "round 1")).isEqualTo(20);

        assertThat(workloads.pendingEvents()).isEqualTo(30);
        assertThat(workloads.driftedResources()).isEqualTo(30);
    }

    @Test
    void renames_one_at_a_time_queue_an_event_each_and_touching_another_column_queues_none() {
        ProjectRange catalog = workloads.createCatalogProjects(10);

        WriteCost renames = workloads.renameOneAtATime(catalog.first(4), "single");
        WriteCost touches = workloads.touchOneAtATime(catalog);

        assertThat(workloads.pendingEvents()).isEqualTo(4);
        assertThat(renames.wall()).isPositive();
        assertThat(touches.serverCpu())
                .as("the test server's superuser may read /proc through pg_read_file")
                .hasValueSatisfying(cpu -> assertThat(cpu).isGreaterThanOrEqualTo(Duration.ZERO));
    }

    @Test
    void emptying_the_queue_and_vacuuming_leave_the_projects_as_they_are() {
        ProjectRange catalog = workloads.createCatalogProjects(5);
        workloads.rename(catalog, "round 1");

        workloads.emptyQueue();
        workloads.vacuum();

        assertThat(workloads.pendingEvents()).isZero();
        assertThat(workloads.driftedResources()).isEqualTo(5);
        assertThat(database.text("SHOW statement_timeout"))
                .as("the pool's timeout is put back")
                .isEqualTo("30s");
    }
}
