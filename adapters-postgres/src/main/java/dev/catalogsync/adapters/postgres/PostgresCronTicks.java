package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_SYNC_SCHEDULED_TASKS;

import dev.catalogsync.adapters.postgres.jooq.tables.CatalogSyncScheduledTasks;
import dev.catalogsync.application.port.out.CronTicks;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * The worker cron's row in db-scheduler's {@code catalog_sync_scheduled_tasks}: its {@code execution_time} is the
 * next tick, its {@code last_success} the last. One probe of the primary key. The task's name is the scheduler
 * adapter's, handed in by the wiring: this module does not know that adapter.
 */
public class PostgresCronTicks implements CronTicks {

    private static final CatalogSyncScheduledTasks TASKS = CATALOG_SYNC_SCHEDULED_TASKS;

    private final DSLContext dsl;
    private final String taskName;

    public PostgresCronTicks(DataSource dataSource, String taskName) {
        this.dsl = Jooq.using(dataSource);
        this.taskName = Objects.requireNonNull(taskName, "taskName");
    }

    @Override
    public Optional<Ticks> workerCron() {
        return dsl.select(TASKS.EXECUTION_TIME, TASKS.LAST_SUCCESS)
                .from(TASKS)
                .where(TASKS.TASK_NAME.eq(taskName))
                .orderBy(TASKS.EXECUTION_TIME)
                .limit(1)
                .fetchOptional(row -> new Ticks(
                        row.value1().toInstant(),
                        Optional.ofNullable(row.value2()).map(OffsetDateTime::toInstant)));
    }
}
