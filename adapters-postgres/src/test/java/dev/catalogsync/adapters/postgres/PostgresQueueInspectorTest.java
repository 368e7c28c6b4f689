package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.P_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresCatalogWorld;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.contract.MirroredAttributes;
import dev.catalogsync.application.contract.VisibilityLevel;
import dev.catalogsync.application.port.out.QueueInspector;
import dev.catalogsync.domain.SyncEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresQueueInspectorTest {

    private static PostgresTestDatabase database;

    private final PostgresCatalogWorld world = database.world();
    private final PostgresQueueInspector inspector = new PostgresQueueInspector(database.dataSource());
    private final DSLContext sql = DSL.using(database.dataSource(), SQLDialect.POSTGRES);

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void start_with_an_empty_queue() {
        database.truncateAll();
    }

    private List<SyncEvent> queueEvents(int count) {
        for (int i = 0; i < count; i++) {
            long project = world.createProject(new MirroredAttributes("project " + i, null, VisibilityLevel.PUBLIC));
            world.createCatalogResource(project);
            world.updateProject(project, new MirroredAttributes("renamed " + i, null, VisibilityLevel.PUBLIC));
        }
        return world.events();
    }

    private void setCreatedAt(long eventId, Instant createdAt) {
        sql.update(P_CATALOG_RESOURCE_SYNC_EVENTS)
                .set(P_CATALOG_RESOURCE_SYNC_EVENTS.CREATED_AT, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .where(P_CATALOG_RESOURCE_SYNC_EVENTS.ID.eq(eventId))
                .execute();
    }

    @Test
    void an_empty_queue_has_nothing_pending_and_no_oldest_event() {
        assertThat(inspector.pendingCount()).isZero();
        assertThat(inspector.oldestPendingCreatedAt()).isEmpty();
    }

    @Test
    void counts_pending_events_only() {
        List<SyncEvent> events = queueEvents(3);
        world.markProcessed(events.get(1));

        assertThat(inspector.pendingCount()).isEqualTo(2);
    }

    @Test
    void the_oldest_pending_event_is_the_one_with_the_lowest_pending_id() {
        List<SyncEvent> events = queueEvents(3);
        setCreatedAt(events.get(0).id(), Instant.parse("2026-01-01T00:00:00Z"));
        setCreatedAt(events.get(1).id(), Instant.parse("2026-01-02T00:00:00Z"));
        setCreatedAt(events.get(2).id(), Instant.parse("2026-01-03T00:00:00Z"));
        world.markProcessed(events.get(0));

        assertThat(inspector.oldestPendingCreatedAt()).contains(Instant.parse("2026-01-02T00:00:00Z"));
    }

    @Test
    void lists_the_partitions_attached_now_by_value() {
        try (PostgresTestDatabase own = PostgresTestDatabase.createMigrated()) {
            PostgresQueueInspector ownInspector = new PostgresQueueInspector(own.dataSource());
            DSLContext ownSql = DSL.using(own.dataSource(), SQLDialect.POSTGRES);
            assertThat(ownInspector.partitionValues()).containsExactly(1L);

            ownSql.execute("CREATE TABLE catalog_resource_sync_events_12 "
                    + "PARTITION OF p_catalog_resource_sync_events FOR VALUES IN (12)");
            ownSql.execute("CREATE TABLE catalog_resource_sync_events_2 "
                    + "PARTITION OF p_catalog_resource_sync_events FOR VALUES IN (2, 3)");
            ownSql.execute("CREATE TABLE catalog_resource_sync_events_default "
                    + "PARTITION OF p_catalog_resource_sync_events DEFAULT");
            assertThat(ownInspector.partitionValues()).containsExactly(1L, 2L, 3L, 12L);

            ownSql.execute(
                    "ALTER TABLE p_catalog_resource_sync_events DETACH PARTITION catalog_resource_sync_events_1");
            assertThat(ownInspector.partitionValues()).containsExactly(2L, 3L, 12L);
        }
    }

    @Test
    void counts_events_by_status_for_each_partition_that_holds_any() {
        List<SyncEvent> events = queueEvents(3);
        world.markProcessed(events.get(0));

        assertThat(inspector.eventCountsByPartition()).isEqualTo(Map.of(1L, new QueueInspector.EventCounts(2, 1)));
        database.truncateAll();
        assertThat(inspector.eventCountsByPartition()).isEmpty();
    }
}
