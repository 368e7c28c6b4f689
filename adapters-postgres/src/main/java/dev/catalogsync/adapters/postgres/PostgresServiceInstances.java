package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_SYNC_INSTANCES;
import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_SYNC_SCHEDULED_TASKS;

import dev.catalogsync.adapters.postgres.jooq.tables.CatalogSyncInstances;
import dev.catalogsync.adapters.postgres.jooq.tables.CatalogSyncScheduledTasks;
import dev.catalogsync.application.port.out.ServiceInstances;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The instances in {@code catalog_sync_instances}, stamped with the database's clock ({@code now()}); what each runs
 * now from db-scheduler's own heartbeats in {@code catalog_sync_scheduled_tasks} (its picked executions, by
 * {@code picked_by}, which is the instance's name). Both tables hold a handful of rows. The activity is kept as
 * text, so that it comes back exactly as written.
 */
public class PostgresServiceInstances implements ServiceInstances {

    private static final CatalogSyncInstances INSTANCES = CATALOG_SYNC_INSTANCES;
    private static final CatalogSyncScheduledTasks TASKS = CATALOG_SYNC_SCHEDULED_TASKS;

    private final DSLContext dsl;

    public PostgresServiceInstances(DataSource dataSource) {
        this.dsl = Jooq.using(dataSource);
    }

    @Override
    public void heartbeat(String instance, Instant startedAt, Activity activity) {
        Objects.requireNonNull(instance, "instance");
        dsl.insertInto(
                        INSTANCES,
                        INSTANCES.INSTANCE_NAME,
                        INSTANCES.STARTED_AT,
                        INSTANCES.LAST_SEEN_AT,
                        INSTANCES.LAST_WORKER_RUN,
                        INSTANCES.LAST_FAILURE)
                .values(
                        DSL.val(instance),
                        DSL.val(startedAt.atOffset(ZoneOffset.UTC)),
                        DSL.currentOffsetDateTime(),
                        DSL.val(activity.lastWorkerRun().orElse(null)),
                        DSL.val(activity.lastFailure().orElse(null)))
                .onConflict(INSTANCES.INSTANCE_NAME)
                .doUpdate()
                .set(INSTANCES.STARTED_AT, DSL.excluded(INSTANCES.STARTED_AT))
                .set(INSTANCES.LAST_SEEN_AT, DSL.excluded(INSTANCES.LAST_SEEN_AT))
                .set(INSTANCES.LAST_WORKER_RUN, DSL.excluded(INSTANCES.LAST_WORKER_RUN))
                .set(INSTANCES.LAST_FAILURE, DSL.excluded(INSTANCES.LAST_FAILURE))
                .execute();
        dsl.deleteFrom(INSTANCES)
                .where(INSTANCES.LAST_SEEN_AT.lt(ago(FORGET_AFTER)))
                .execute();
    }

    @Override
    public void leave(String instance) {
        dsl.deleteFrom(INSTANCES)
                .where(INSTANCES.INSTANCE_NAME.eq(Objects.requireNonNull(instance, "instance")))
                .execute();
    }

    @Override
    public List<Instance> seenWithin(Duration window) {
        Field<String[]> running = DSL.field(
                "coalesce(array_agg({0} ORDER BY {0}) FILTER (WHERE {0} IS NOT NULL), '{}')",
                SQLDataType.VARCHAR.array(), TASKS.TASK_NAME);
        return dsl.select(
                        INSTANCES.INSTANCE_NAME,
                        INSTANCES.STARTED_AT,
                        INSTANCES.LAST_SEEN_AT,
                        running,
                        INSTANCES.LAST_WORKER_RUN,
                        INSTANCES.LAST_FAILURE)
                .from(INSTANCES)
                .leftJoin(TASKS)
                .on(TASKS.PICKED.isTrue().and(TASKS.PICKED_BY.eq(INSTANCES.INSTANCE_NAME)))
                .where(INSTANCES.LAST_SEEN_AT.ge(ago(window)))
                .groupBy(
                        INSTANCES.INSTANCE_NAME,
                        INSTANCES.STARTED_AT,
                        INSTANCES.LAST_SEEN_AT,
                        INSTANCES.LAST_WORKER_RUN,
                        INSTANCES.LAST_FAILURE)
                .orderBy(INSTANCES.LAST_SEEN_AT.desc(), INSTANCES.INSTANCE_NAME)
                .fetch(row -> new Instance(
                        row.value1(),
                        row.value2().toInstant(),
                        row.value3().toInstant(),
                        Arrays.asList(row.value4()),
                        new Activity(Optional.ofNullable(row.value5()), Optional.ofNullable(row.value6()))));
    }

    /** The database's clock {@code duration} ago. */
    private static Field<OffsetDateTime> ago(Duration duration) {
        return DSL.field(
                "now() - make_interval(secs => {0})",
                SQLDataType.TIMESTAMPWITHTIMEZONE, DSL.val(duration.toMillis() / 1000.0));
    }
}
