package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no database URL the jar runs its own PostgreSQL, whose data outlives each command. */
class EmbeddedDatabaseIT {

    private static final String FLAG = "ci_process_catalog_resource_sync_events";

    @TempDir
    Path dataDirectory;

    private Result catalogSync(String... args) {
        return CatalogSyncJar.run(Map.of("CATALOG_SYNC_DATA_DIR", dataDirectory.toString()), args);
    }

    @Test
    void migrates_once_and_keeps_its_data_between_commands() {
        Result migrate = catalogSync("migrate");
        assertThat(migrate.exitCode()).as(migrate.stderr()).isZero();
        assertThat(migrate.stdout()).contains("\"applied_migrations\":").doesNotContain("\"applied_migrations\":0");

        assertThat(catalogSync("migrate").stdout()).contains("\"applied_migrations\":0");
        assertThat(catalogSync("feature", "set", FLAG, "true").exitCode()).isZero();

        Result status = catalogSync("status", "--json");
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        assertThat(status.stdout()).contains("\"pending_events\":0", "\"" + FLAG + "\":true");
    }

    @Test
    void works_without_a_migrate_step_on_a_fresh_directory() {
        Result process = catalogSync(
                "process", "--data-dir", dataDirectory.resolve("fresh").toString());

        assertThat(process.exitCode()).as(process.stderr()).isZero();
        assertThat(process.stdout()).contains("is disabled");
    }

    @Test
    void demo_seed_queues_events_that_drain_syncs_on_a_fresh_machine() {
        Result seed = catalogSync("demo", "seed", "--projects", "500");
        assertThat(seed.exitCode()).as(seed.stderr()).isZero();
        assertThat(seed.stdout().strip()).isEqualTo("{\"projects\":500,\"queued_events\":500}");

        assertThat(catalogSync("feature", "set", FLAG, "true").exitCode()).isZero();
        Result drain = catalogSync("drain");

        assertThat(drain.stdout().strip())
                .isEqualTo("{\"runs\":1,\"processed_events\":500,\"stopped_by\":\"empty_queue\"}");
        assertThat(catalogSync("reconcile").stdout().strip()).isEqualTo("{\"checked\":500,\"drifted\":0}");
    }
}
