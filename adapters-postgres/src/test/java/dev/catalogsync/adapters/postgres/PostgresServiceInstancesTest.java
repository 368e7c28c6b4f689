package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.port.out.ServiceInstances.Instance;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each instance runs now, from db-scheduler's picked executions in its own table. */
class PostgresServiceInstancesTest {

    private static PostgresTestDatabase database;

    private final PostgresServiceInstances instances = new PostgresServiceInstances(database.dataSource());

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

    private static void scheduled(String task, boolean picked, String pickedBy) {
        database.execute("INSERT INTO catalog_sync_scheduled_tasks (task_name, task_instance, execution_time, picked, "
                + "picked_by, last_heartbeat, version) VALUES ('" + task + "', 'recurring', now(), " + picked + ", "
                + (pickedBy == null ? "NULL" : "'" + pickedBy + "'") + ", now(), 1)");
    }

    @Test
    void an_instance_lists_the_tasks_it_has_picked_and_no_other() {
        instances.heartbeat("host-a-101", Instant.now());
        instances.heartbeat("host-b-202", Instant.now());
        scheduled("sync-worker", true, "host-a-101");
        scheduled("cron", true, "host-a-101");
        scheduled("partitions", false, null);
        scheduled("reconcile", true, "gone-instance");

        assertThat(instances.seenWithin(Duration.ofMinutes(1)))
                .extracting(Instance::name, Instance::running)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("host-a-101", java.util.List.of("cron", "sync-worker")),
                        org.assertj.core.groups.Tuple.tuple("host-b-202", java.util.List.of()));
    }
}
