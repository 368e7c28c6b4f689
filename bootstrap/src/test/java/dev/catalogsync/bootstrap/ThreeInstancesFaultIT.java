package dev.catalogsync.bootstrap;

import static dev.catalogsync.bootstrap.FaultWorld.figure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import dev.catalogsync.bootstrap.CatalogSyncJar.Service;
import dev.catalogsync.bootstrap.ServiceIT.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three service instances on one database under a steady stream of updates for a few minutes, one of them killed
 * with SIGKILL midway: no two batches overlap, no event is lost, and the totals match: events queued, events
 * processed, and the processed figures of the instances' own "done" lines.
 */
class ThreeInstancesFaultIT {

    private static final int PROJECTS = 20_000;
    private static final int RENAMES_PER_SECOND = 200;
    private static final int RENAMES_BEFORE_THE_KILL = 15_000;
    private static final int RENAMES_IN_ALL = 36_000;
    private static final int BATCH = 200;

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

    /** When the instance last logged a batch, or the epoch if it never did. */
    private static Instant lastBatchOf(Service service) {
        return Run.parse(service.stderr(), "").stream()
                .map(Run::finishedAt)
                .max(Comparator.naturalOrder())
                .orElse(Instant.EPOCH);
    }

    @Test
    void three_instances_one_killed_midway_never_overlap_and_lose_nothing() {
        world.backlogOf(PROJECTS);
        long started = System.nanoTime();
        List<Service> services = new ArrayList<>();
        try (SteadyRenames renames = new SteadyRenames(database, PROJECTS, RENAMES_PER_SECOND)) {
            for (int i = 0; i < 3; i++) {
                services.add(CatalogSyncJar.startService(world.environment(), "--batch-size", String.valueOf(BATCH)));
            }
            world.flag(true);
            renames.start();

            await("the stream to run before the kill")
                    .atMost(Duration.ofMinutes(5))
                    .until(() -> renames.renamed() >= RENAMES_BEFORE_THE_KILL);
            Service killed = services.stream()
                    .max(Comparator.comparing(ThreeInstancesFaultIT::lastBatchOf))
                    .orElseThrow();
            long killedAfter = (System.nanoTime() - started) / 1_000_000_000;
            FaultWorld.killNine(killed.process());
            String killedLog = killed.stderr();
            long processedAtTheKill = world.processed();
            long killedAt = System.nanoTime();
            await("the survivors to take over")
                    .atMost(Duration.ofMinutes(3))
                    .until(() -> world.processed() > processedAtTheKill + BATCH);
            long takenOverAfter = (System.nanoTime() - killedAt) / 1_000_000;

            await("the stream to run on after the kill")
                    .atMost(Duration.ofMinutes(5))
                    .until(() -> renames.renamed() >= RENAMES_IN_ALL);
            renames.close();
            await("everything processed").atMost(Duration.ofMinutes(4)).until(() -> world.pending() == 0);

            List<Run> runs = new ArrayList<>(Run.parse(killedLog, "killed"));
            Map<String, Integer> runsByInstance = new TreeMap<>();
            runsByInstance.put("killed", runs.size());
            int survivor = 0;
            for (Service service : services) {
                if (service != killed) {
                    Result stopped = service.stop(Duration.ofSeconds(15));
                    assertThat(stopped.exitCode()).as(stopped.stderr()).isIn(0, 143);
                    List<Run> its = Run.parse(stopped.stderr(), "survivor " + ++survivor);
                    runsByInstance.put("survivor " + survivor, its.size());
                    runs.addAll(its);
                }
            }

            long queued = PROJECTS + renames.renamed();
            assertThat(renames.failures()).isZero();
            assertThat(world.events()).as("events queued").isEqualTo(queued);
            assertThat(world.processed()).as("events processed").isEqualTo(queued);
            assertThat(world.drifted()).isZero();
            long logged = runs.stream().mapToLong(Run::processed).sum();
            assertThat(logged)
                    .as("processed events in the done lines; the killed instance's last batch may have committed"
                            + " unlogged")
                    .isBetween(queued - BATCH, queued);
            runs.sort(Comparator.comparing(Run::startedAt));
            for (int i = 1; i < runs.size(); i++) {
                assertThat(runs.get(i).startedAt())
                        .as("run %s starts after %s ended", runs.get(i), runs.get(i - 1))
                        .isAfterOrEqualTo(runs.get(i - 1).finishedAt());
            }

            figure("service instances", services.size() + ", one killed (SIGKILL) after " + killedAfter + " s");
            figure("survivors resumed the sync after the kill, ms", takenOverAfter);
            figure("batches logged by instance", runsByInstance);
            figure("events checked across the instances (queued = processed = logged, no overlap, no drift)", queued);
        } finally {
            services.forEach(Service::close);
        }
    }
}
