package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.port.out.ExclusiveLease;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the contract cannot show with one caller: two processes racing on one database. */
class PostgresExclusiveLeaseTest {

    private static final Duration TTL = Duration.ofMinutes(1);
    private static final int ROUNDS = 25;

    private static PostgresTestDatabase database;

    // Two instances, as two processes would have, sharing only the database.
    private final PostgresExclusiveLease first = new PostgresExclusiveLease(database.dataSource());
    private final PostgresExclusiveLease second = new PostgresExclusiveLease(database.dataSource());
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void no_lease_is_held() {
        database.truncateAll();
    }

    @AfterEach
    void stop_the_threads() {
        threads.shutdownNow();
    }

    /** Both instances ask for {@code key} at the same moment; returns what each got. */
    private List<Optional<ExclusiveLease.Held>> race(String key) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Optional<ExclusiveLease.Held>> firstTry = () -> {
            start.await(10, TimeUnit.SECONDS);
            return first.tryObtain(key, TTL);
        };
        Callable<Optional<ExclusiveLease.Held>> secondTry = () -> {
            start.await(10, TimeUnit.SECONDS);
            return second.tryObtain(key, TTL);
        };
        Future<Optional<ExclusiveLease.Held>> a = threads.submit(firstTry);
        Future<Optional<ExclusiveLease.Held>> b = threads.submit(secondTry);
        return List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS));
    }

    @Test
    void two_runs_racing_for_a_free_lease_never_both_get_it() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            List<Optional<ExclusiveLease.Held>> results = race("free " + round);

            assertThat(results)
                    .filteredOn(Optional::isPresent)
                    .as("winners of round %d", round)
                    .hasSize(1);
        }
    }

    @Test
    void two_runs_racing_for_an_expired_lease_never_both_take_it_over() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "expired " + round;
            first.tryObtain(key, TTL).orElseThrow();
            database.expireLease(key);

            List<Optional<ExclusiveLease.Held>> results = race(key);

            assertThat(results)
                    .filteredOn(Optional::isPresent)
                    .as("winners of round %d", round)
                    .hasSize(1);
        }
    }

    @Test
    void a_lease_runs_out_by_itself_on_the_database_clock() {
        first.tryObtain("short", Duration.ofMillis(200)).orElseThrow();

        assertThat(second.tryObtain("short", TTL)).isEmpty();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> second.tryObtain("short", TTL).isPresent());
    }

    @Test
    void a_time_to_live_of_zero_is_refused() {
        assertThatThrownBy(() -> first.tryObtain("a", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
