package dev.catalogsync.bootstrap;

import static dev.catalogsync.bootstrap.FaultWorld.figure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import dev.catalogsync.bootstrap.CatalogSyncJar.Running;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A draining process stopped with SIGSTOP while it holds the lease, for longer than the lease's minute: another
 * drain waits out the time to live, takes over and drains everything, including a project renamed meanwhile; then
 * the stopped one is continued and finishes. After both, nothing is pending and {@code reconcile} finds no drift.
 * The deterministic version of this (a hook pausing a worker right before its batch) is {@code LeaseFencingTest}.
 */
class PausedHolderFaultIT {

    private static final int BACKLOG = 30_000;
    private static final int ATTEMPTS_TO_STOP_A_HOLDER = 20;

    private static PostgresTestDatabase database;
    private static FaultWorld world;

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.createMigrated();
        world = new FaultWorld(database);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /** Whether a lease is held and unexpired on the database clock. */
    private static boolean leaseHeld() {
        return database.count("SELECT count(*) FROM catalog_sync_exclusive_leases WHERE expires_at > clock_timestamp()")
                > 0;
    }

    @Test
    void a_holder_stopped_past_its_lease_writes_nothing_stale_and_the_other_drain_finishes_the_job() {
        world.backlogOf(BACKLOG);
        world.flag(true);
        Running stopped = CatalogSyncJar.start(world.environment(), "drain", "--batch-size", "100");
        await("the drain to start working").atMost(Duration.ofMinutes(2)).until(() -> world.lowestPending() > 1);

        boolean stoppedHoldingTheLease = false;
        for (int attempt = 1; attempt <= ATTEMPTS_TO_STOP_A_HOLDER && !stoppedHoldingTheLease; attempt++) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(1))
                    .until(world::leaseRowPresent);
            FaultWorld.signal(stopped.process(), "STOP");
            stoppedHoldingTheLease = leaseHeld();
            if (!stoppedHoldingTheLease) {
                FaultWorld.signal(stopped.process(), "CONT");
            }
        }
        assertThat(stoppedHoldingTheLease)
                .as("the drain stopped while holding the lease")
                .isTrue();
        long stoppedAt = System.nanoTime();
        long pendingWhenStopped = world.pending();
        database.execute("UPDATE projects SET name = 'renamed while the holder was stopped' WHERE id = 7");

        Result other = CatalogSyncJar.start(world.environment(), "drain").finish(Duration.ofMinutes(5));
        long otherDoneAfter = (System.nanoTime() - stoppedAt) / 1_000_000;
        assertThat(other.exitCode()).as(other.stderr()).isZero();
        assertThat(world.pending()).isZero();

        FaultWorld.signal(stopped.process(), "CONT");
        Result resumed = stopped.finish(Duration.ofMinutes(2));

        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(resumed.stdout()).contains("\"stopped_by\":\"empty_queue\"");
        assertThat(world.pending()).isZero();
        assertThat(world.processed()).isEqualTo(BACKLOG + 1);
        assertThat(database.text("SELECT name FROM catalog_resources WHERE project_id = 7"))
                .isEqualTo("renamed while the holder was stopped");
        assertThat(world.reconcile()).containsExactly(BACKLOG, 0);

        figure("drain stopped (SIGSTOP) holding the lease, pending then", pendingWhenStopped);
        figure("the other drain took over and finished after, ms", otherDoneAfter);
        figure("the stopped drain, continued (SIGCONT)", resumed.stdout().strip());
        figure("events checked after the pause (processed, pending, reconcile)", BACKLOG + 1);
    }
}
