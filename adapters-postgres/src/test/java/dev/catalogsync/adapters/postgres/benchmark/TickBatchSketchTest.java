package dev.catalogsync.adapters.postgres.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads.ProjectRange;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sketch is only worth measuring if it is right: every event taken once, none skipped. */
class TickBatchSketchTest {

    private PostgresTestDatabase database;
    private BenchWorkloads workloads;
    private TickBatchSketch sketch;

    @BeforeEach
    void a_database_with_the_sketch_installed() {
        database = PostgresTestDatabase.createMigrated();
        workloads = new BenchWorkloads(database.dataSource());
        sketch = new TickBatchSketch(database.dataSource());
        sketch.install();
    }

    @AfterEach
    void drop_it() {
        database.close();
    }

    @Test
    void a_backlog_is_taken_batch_by_batch_and_a_second_drain_finds_nothing() {
        ProjectRange catalog = workloads.createCatalogProjects(2500);
        workloads.rename(catalog, "round 1");
        workloads.rename(catalog.first(10), "round 2");

        assertThat(sketch.drain()).isEqualTo(2510);
        assertThat(workloads.driftedResources()).isZero();
        assertThat(sketch.drain()).isZero();
        assertThat(database.count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1"))
                .as("no event row is written: the position row acknowledges them")
                .isEqualTo(2510);
    }

    @Test
    void an_event_committed_after_later_ones_were_taken_is_taken_by_the_next_drain() throws SQLException {
        ProjectRange catalog = workloads.createCatalogProjects(2);
        try (Connection slow = database.dataSource().getConnection();
                Statement sql = slow.createStatement()) {
            slow.setAutoCommit(false);
            sql.executeUpdate("UPDATE projects SET name = 'renamed slowly' WHERE id = " + catalog.firstId());
            workloads.rename(new ProjectRange(catalog.lastId(), catalog.lastId()), "renamed quickly");

            assertThat(sketch.drain()).as("only the committed event").isEqualTo(1);
            slow.commit();
        }

        assertThat(database.count("SELECT count(*) FROM p_catalog_resource_sync_events e1 "
                        + "JOIN p_catalog_resource_sync_events e2 ON e1.id < e2.id AND e1.project_id = "
                        + catalog.firstId()))
                .as("the slow event has the lower id")
                .isEqualTo(1);
        assertThat(sketch.drain()).isEqualTo(1);
        assertThat(workloads.driftedResources()).isZero();
    }

    @Test
    void the_sketch_drains_inside_the_server_too() {
        ProjectRange catalog = workloads.createCatalogProjects(1500);
        workloads.rename(catalog, "round 1");

        ServerDrain drained = sketch.drainInTheServer();

        assertThat(drained.events()).isEqualTo(1500);
        assertThat(drained.serverTime()).isPositive();
        assertThat(workloads.driftedResources()).isZero();
    }

    @Test
    void the_schema_ceiling_drains_inside_the_server_flipping_each_event() {
        SchemaCeiling ceiling = new SchemaCeiling(database.dataSource());
        ProjectRange catalog = workloads.createCatalogProjects(1500);
        workloads.rename(catalog, "round 1");

        ServerDrain flipped = ceiling.drainInTheServer(SchemaCeiling.Mode.FLIP);

        assertThat(flipped.events()).isEqualTo(1500);
        assertThat(flipped.serverTime()).isPositive();
        assertThat(workloads.pendingEvents()).isZero();
        assertThat(workloads.driftedResources()).isZero();

        workloads.rename(catalog, "round 2");
        assertThat(ceiling.drainInTheServer(SchemaCeiling.Mode.FLIP_ONLY).events())
                .isEqualTo(1500);
        assertThat(workloads.pendingEvents()).isZero();
        assertThat(workloads.driftedResources()).as("flipped, not copied").isEqualTo(1500);
    }
}
