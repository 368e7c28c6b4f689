package dev.catalogsync.bootstrap;

import static dev.catalogsync.bootstrap.FaultWorld.figure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.port.in.MaintainQueuePartitions;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.Completed;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import dev.catalogsync.bootstrap.CatalogSyncJar.Service;
import dev.catalogsync.bootstrap.wiring.CommandLineDriverModule;
import dev.catalogsync.domain.partitioning.PartitionStep;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service under a steady stream of updates while the flag is toggled every few seconds, and while the queue's
 * partitions rotate every second (a one-second partition duration, dropped at once): no error, no loss.
 */
class LoadFaultIT {

    private static final int PROJECTS = 5_000;
    private static final int RENAMES_PER_SECOND = 100;
    private static final int FLAG_TOGGLES = 15;
    private static final Duration FLAG_TOGGLE_EVERY = Duration.ofSeconds(2);
    private static final Duration ROTATING_FOR = Duration.ofSeconds(40);
    private static final SlidingListPolicy ROTATE_EVERY_SECOND =
            new SlidingListPolicy(Duration.ofSeconds(1), Duration.ZERO);

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

    @BeforeEach
    void startAsMigrated() {
        database.truncateAll();
        database.resetQueuePartitions();
        world.catalogProjects(PROJECTS);
    }

    private static ScheduledExecutorService oneThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** What must hold after the load: nothing pending, no stale resource, no failure seen by anyone. */
    private static void assertNothingLost(SteadyRenames renames, Service service) {
        await("everything processed").atMost(Duration.ofMinutes(2)).until(() -> world.pending() == 0);
        assertThat(renames.failures())
                .as("the application's updates that failed")
                .isZero();
        assertThat(world.drifted()).isZero();
        Result stopped = service.stop(Duration.ofSeconds(15));
        assertThat(stopped.exitCode()).as(stopped.stderr()).isIn(0, 143);
        assertThat(stopped.stderr()).doesNotContain("failed", "gave up", "abandoned", "ERROR");
    }

    @Test
    void the_flag_toggled_every_few_seconds_under_load_loses_nothing() throws Exception {
        AtomicInteger toggles = new AtomicInteger();
        ScheduledExecutorService toggler = oneThread("flag-toggler");
        try (SteadyRenames renames = new SteadyRenames(database, PROJECTS, RENAMES_PER_SECOND);
                Service service = CatalogSyncJar.startService(world.environment())) {
            world.flag(true);
            renames.start();
            toggler.scheduleAtFixedRate(
                    () -> world.flag(toggles.incrementAndGet() % 2 == 0),
                    FLAG_TOGGLE_EVERY.toMillis(),
                    FLAG_TOGGLE_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            await("the flag toggled " + FLAG_TOGGLES + " times")
                    .atMost(FLAG_TOGGLE_EVERY.multipliedBy(FLAG_TOGGLES * 3L))
                    .until(() -> toggles.get() >= FLAG_TOGGLES);
            toggler.shutdown();
            assertThat(toggler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            world.flag(true);
            renames.close();

            assertNothingLost(renames, service);
            assertThat(world.processed()).isEqualTo(renames.renamed());

            figure("flag toggles under load", toggles.get() + ", every " + FLAG_TOGGLE_EVERY.toSeconds() + " s");
            figure("events checked after the toggles", renames.renamed());
        } finally {
            toggler.shutdownNow();
        }
    }

    @Test
    void partitions_rotating_every_second_under_load_lose_nothing() throws Exception {
        Map<String, Integer> steps = new TreeMap<>();
        AtomicLong rounds = new AtomicLong();
        AtomicLong failedRounds = new AtomicLong();
        AtomicBoolean rotating = new AtomicBoolean(true);
        ScheduledExecutorService rotator = oneThread("partition-rotator");
        try (CatalogSyncService upkeep = CatalogSyncService.builder(database.dataSource())
                        .overriding(new CommandLineDriverModule())
                        .withoutScheduler()
                        .build();
                SteadyRenames renames = new SteadyRenames(database, PROJECTS, RENAMES_PER_SECOND);
                Service service = CatalogSyncJar.startService(world.environment())) {
            MaintainQueuePartitions partitions = upkeep.port(MaintainQueuePartitions.class);
            world.flag(true);
            renames.start();
            rotator.scheduleWithFixedDelay(
                    () -> {
                        if (!rotating.get()) {
                            return;
                        }
                        try {
                            if (partitions.maintain(ROTATE_EVERY_SECOND) instanceof Completed round) {
                                rounds.incrementAndGet();
                                synchronized (steps) {
                                    round.done().forEach(step -> steps.merge(kind(step), 1, Integer::sum));
                                    round.skipped().forEach(skipped -> steps.merge("skipped", 1, Integer::sum));
                                }
                            }
                        } catch (RuntimeException e) {
                            failedRounds.incrementAndGet();
                        }
                    },
                    0,
                    250,
                    TimeUnit.MILLISECONDS);
            long renamedAtStart = renames.renamed();
            await("partitions to rotate under load for " + ROTATING_FOR.toSeconds() + " s")
                    .atMost(ROTATING_FOR.multipliedBy(3))
                    .until(() -> renames.renamed() - renamedAtStart >= RENAMES_PER_SECOND * ROTATING_FOR.toSeconds());
            rotating.set(false);
            rotator.shutdown();
            assertThat(rotator.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            renames.close();

            assertNothingLost(renames, service);
            assertThat(failedRounds).as("rounds that failed").hasValue(0);
            synchronized (steps) {
                assertThat(steps).containsKeys("create", "detach", "drop");
                figure(
                        "partition rounds under load",
                        rounds.get() + " in " + ROTATING_FOR.toSeconds() + " s: " + steps);
            }
            figure("events checked after the rotation (none pending, no drift)", renames.renamed());
        } finally {
            rotator.shutdownNow();
        }
    }

    private static String kind(PartitionStep step) {
        if (step instanceof PartitionStep.CreateAndActivate) {
            return "create";
        }
        if (step instanceof PartitionStep.Detach) {
            return "detach";
        }
        if (step instanceof PartitionStep.Drop) {
            return "drop";
        }
        return "activate";
    }
}
