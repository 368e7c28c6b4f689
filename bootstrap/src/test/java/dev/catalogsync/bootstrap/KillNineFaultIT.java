package dev.catalogsync.bootstrap;

import static dev.catalogsync.bootstrap.FaultWorld.figure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import dev.catalogsync.bootstrap.CatalogSyncJar.Running;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a draining process at random moments, twenty times over one backlog, then a final drain:
 * nothing pending, no stale resource, every event processed. A kill lands anywhere: while the JVM starts, between
 * batches, in the middle of a batch's one transaction, or while the process holds the lease (which the next
 * process takes over at once, the killed holder's session being gone with it).
 */
class KillNineFaultIT {

    private static final int BACKLOG = 100_000;
    private static final int KILLS = 20;
    private static final int BATCH = 500;
    /** A kill comes at most this many events after the drain before it stopped. */
    private static final int MOST_EVENTS_BETWEEN_KILLS = 5 * BATCH;

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

    @Test
    void twenty_kill_9s_of_a_draining_process_lose_nothing() {
        world.backlogOf(BACKLOG);
        world.flag(true);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int killedHoldingTheLease = 0;
        long longestWaitForProgressAfterAKill = 0;

        for (int kill = 1; kill <= KILLS; kill++) {
            long startedAt = world.lowestPending();
            long killAt = startedAt + random.nextInt(MOST_EVENTS_BETWEEN_KILLS);
            long launched = System.nanoTime();
            Running drain = CatalogSyncJar.start(world.environment(), "drain", "--batch-size", String.valueOf(BATCH));
            if (killAt > startedAt) {
                await("drain %d to make progress".formatted(kill))
                        .atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> world.lowestPending() > startedAt
                                || !drain.process().isAlive());
                longestWaitForProgressAfterAKill =
                        Math.max(longestWaitForProgressAfterAKill, (System.nanoTime() - launched) / 1_000_000);
            }
            await("drain %d to reach event %d".formatted(kill, killAt))
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() ->
                            world.lowestPending() >= killAt || !drain.process().isAlive());
            assertThat(drain.process().isAlive())
                    .as("drain %d still running when killed (seed %d)", kill, seed)
                    .isTrue();

            FaultWorld.killNine(drain.process());
            if (world.leaseRowPresent()) {
                killedHoldingTheLease++;
            }
        }
        Result last = CatalogSyncJar.start(world.environment(), "drain").finish(Duration.ofMinutes(5));

        assertThat(last.exitCode()).as(last.stderr()).isZero();
        assertThat(last.stdout()).contains("\"stopped_by\":\"empty_queue\"");
        assertThat(world.pending()).isZero();
        assertThat(world.processed()).as("events processed, as many as queued").isEqualTo(BACKLOG);
        assertThat(world.drifted()).isZero();
        long[] reconciled = world.reconcile();
        assertThat(reconciled).containsExactly(BACKLOG, 0);

        figure("kill -9 of a draining process, survived", KILLS + " of " + KILLS + " (seed " + seed + ")");
        figure("kills that left the lease held (taken over at once by the next drain)", killedHoldingTheLease);
        figure(
                "longest time from starting a drain after a kill to its first batch, ms",
                longestWaitForProgressAfterAKill);
        figure("events checked after the kills (processed, pending, reconcile)", BACKLOG);
    }
}
