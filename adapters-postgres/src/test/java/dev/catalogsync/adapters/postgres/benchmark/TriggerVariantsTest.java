package dev.catalogsync.adapters.postgres.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.benchmark.BenchWorkloads.ProjectRange;
import dev.catalogsync.adapters.postgres.benchmark.TriggerVariants.Variant;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TriggerVariantsTest {

    private static PostgresTestDatabase database;

    private final BenchWorkloads workloads = new BenchWorkloads(database.dataSource());
    private final TriggerVariants triggers = new TriggerVariants(database.dataSource());
    private ProjectRange catalog;

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void catalog_projects() {
        workloads.clear();
        catalog = workloads.createCatalogProjects(5);
        workloads.createOrdinaryProjects(5);
    }

    @AfterEach
    void put_ours_back() {
        triggers.use(Variant.OURS);
    }

    private String triggerLevels() {
        return database.text("SELECT string_agg(tgname || ':' || CASE WHEN tgtype & 1 = 1 THEN 'row' ELSE "
                + "'statement' END, ',') FROM pg_trigger WHERE tgrelid = 'projects'::regclass AND NOT tgisinternal");
    }

    @Test
    void gitlabs_row_trigger_replaces_ours_and_queues_the_same_events() {
        triggers.use(Variant.GITLAB_ROW);
        workloads.rename(new ProjectRange(1, 10), "round 1");

        assertThat(triggers.current()).isEqualTo(Variant.GITLAB_ROW);
        assertThat(triggerLevels()).isEqualTo(TriggerVariants.GITLAB_TRIGGER + ":row");
        assertThat(workloads.pendingEvents()).isEqualTo(catalog.count());
    }

    @Test
    void no_trigger_queues_nothing() {
        triggers.use(Variant.NONE);
        workloads.rename(catalog, "round 1");

        assertThat(triggers.current()).isEqualTo(Variant.NONE);
        assertThat(triggerLevels()).isNull();
        assertThat(workloads.pendingEvents()).isZero();
    }

    @Test
    void ours_comes_back_exactly_as_migrated() {
        String migrated = database.text(
                "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = '" + TriggerVariants.OUR_TRIGGER + "'");

        triggers.use(Variant.NONE);
        triggers.use(Variant.OURS);
        workloads.rename(catalog, "round 1");

        assertThat(triggerLevels()).isEqualTo(TriggerVariants.OUR_TRIGGER + ":statement");
        assertThat(database.text("SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = '"
                        + TriggerVariants.OUR_TRIGGER + "'"))
                .isEqualTo(migrated);
        assertThat(workloads.pendingEvents()).isEqualTo(catalog.count());
    }
}
