package dev.catalogsync.adapters.scheduler.outbound.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcRescheduleRequestsTest {

    private static PostgresTestDatabase database;

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void no_request_is_left() {
        new SchedulerTables(database).empty();
    }

    @Test
    void requests_made_twice_are_taken_once() {
        JdbcRescheduleRequests requests = new JdbcRescheduleRequests(database.dataSource(), "task");

        requests.request();
        requests.request();

        assertThat(requests.take()).isTrue();
        assertThat(requests.take()).isFalse();
    }

    @Test
    void each_task_has_its_own_request() {
        JdbcRescheduleRequests one = new JdbcRescheduleRequests(database.dataSource(), "one");
        JdbcRescheduleRequests other = new JdbcRescheduleRequests(database.dataSource(), "other");

        one.request();

        assertThat(other.take()).isFalse();
        assertThat(one.take()).isTrue();
    }
}
