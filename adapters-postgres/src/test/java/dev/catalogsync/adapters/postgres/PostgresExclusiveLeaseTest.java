package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.port.out.ExclusiveLease;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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

    @Test
    void a_lease_whose_holders_session_ended_is_free_at_once_as_after_a_sigkill() {
        try (HikariDataSource holdersPool = DataSources.pooled(database.settings(), "holder-to-be-killed", 1)) {
            new PostgresExclusiveLease(holdersPool)
                    .tryObtain("held by the dying", TTL)
                    .orElseThrow();

            assertThat(second.tryObtain("held by the dying", TTL))
                    .as("while its session lives")
                    .isEmpty();
        }

        await("the lease to be free once the holder's session is gone")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> second.tryObtain("held by the dying", TTL).isPresent());
    }

    @Test
    void a_lease_whose_holders_backend_was_terminated_is_free_at_once() {
        try (HikariDataSource holdersPool = DataSources.pooled(database.settings(), "holder-to-be-terminated", 1)) {
            new PostgresExclusiveLease(holdersPool).tryObtain("terminated", TTL).orElseThrow();

            database.count("SELECT count(*) FROM catalog_sync_exclusive_leases l, pg_terminate_backend(l.holder_pid)"
                    + " WHERE l.lease_key = 'terminated'");

            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> second.tryObtain("terminated", TTL).isPresent());
        }
    }

    @Test
    void a_lease_that_names_no_session_lasts_its_time_to_live() {
        first.tryObtain("from before sessions were recorded", TTL).orElseThrow();
        database.execute("UPDATE catalog_sync_exclusive_leases SET holder_pid = NULL, holder_session_start = NULL");

        assertThat(second.tryObtain("from before sessions were recorded", TTL)).isEmpty();
    }

    @Test
    void a_lease_row_locked_by_a_writer_in_progress_reads_as_held_even_when_it_would_be_free() throws Exception {
        first.tryObtain("locked", TTL).orElseThrow();
        try (Connection writer = DriverManager.getConnection(
                database.jdbcUrl(),
                database.settings().user(),
                database.settings().password())) {
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                statement.execute("UPDATE catalog_sync_exclusive_leases SET expires_at = now() - interval '1 second'"
                        + " WHERE lease_key = 'locked'");
            }

            assertThat(second.tryObtain("locked", TTL)).isEmpty();
            writer.rollback();
        }
    }
}
