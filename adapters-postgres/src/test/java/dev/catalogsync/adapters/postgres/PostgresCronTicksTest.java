package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.port.out.CronTicks.Ticks;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cron's ticks as db-scheduler keeps them in its row. */
class PostgresCronTicksTest {

    private static PostgresTestDatabase database;

    private final PostgresCronTicks ticks = new PostgresCronTicks(database.dataSource(), "the-cron");

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyTables() {
        database.truncateAll();
    }

    @Test
    void no_row_means_no_cron_is_scheduled() {
        assertThat(ticks.workerCron()).isEmpty();
    }

    @Test
    void the_row_tells_the_next_tick_and_the_last_success() {
        database.execute("INSERT INTO catalog_sync_scheduled_tasks (task_name, task_instance, execution_time, picked, "
                + "version) VALUES ('the-cron', 'recurring', '2026-03-01T10:01:00Z', false, 1)");
        assertThat(ticks.workerCron()).contains(new Ticks(Instant.parse("2026-03-01T10:01:00Z"), Optional.empty()));

        database.execute("UPDATE catalog_sync_scheduled_tasks SET last_success = '2026-03-01T10:00:00Z'");
        assertThat(ticks.workerCron())
                .contains(new Ticks(
                        Instant.parse("2026-03-01T10:01:00Z"), Optional.of(Instant.parse("2026-03-01T10:00:00Z"))));
    }
}
