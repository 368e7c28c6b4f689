package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_RESOURCES;
import static dev.catalogsync.adapters.postgres.jooq.Tables.PROJECTS;
import static dev.catalogsync.adapters.postgres.jooq.Tables.P_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import dev.catalogsync.application.port.out.MirrorDrift;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.ResultQuery;

/**
 * Drift between {@code catalog_resources} and {@code projects}, one statement per page.
 *
 * <p>A page walks the primary key of {@code catalog_resources} from {@code afterId} for {@code limit} rows and
 * probes each one's project by its primary key: its cost is the page size, not the table's. It reads without
 * row locks. With repairs, the same statement inserts the events through a data-modifying CTE, so counting and
 * queuing cannot disagree; the events take the column default for {@code partition_id} as the trigger's do.
 * Without repairs the statement does not touch the queue at all.
 */
public class PostgresMirrorDrift implements MirrorDrift {

    /** Row comparison with {@code IS DISTINCT FROM}: a null description equals a null description. */
    private static final String PAGE = """
            page AS (
                SELECT cr.id, cr.project_id,
                       (cr.name, cr.description, cr.visibility_level)
                           IS DISTINCT FROM (p.name, p.description, p.visibility_level) AS drifted
                  FROM {0} cr
                  JOIN {1} p ON p.id = cr.project_id
                 WHERE cr.id > {3}
                 ORDER BY cr.id
                 LIMIT {4}
            )""";

    private static final String CHECK = "WITH " + PAGE + """

            SELECT count(*)::int, (count(*) FILTER (WHERE drifted))::int, 0, coalesce(max(id), {3})
              FROM page""";

    private static final String CHECK_AND_QUEUE = "WITH " + PAGE + """
            ,
            queued AS (
                INSERT INTO {2} (catalog_resource_id, project_id)
                SELECT id, project_id FROM page WHERE drifted ORDER BY id
                RETURNING 1
            )
            SELECT count(*)::int, (count(*) FILTER (WHERE drifted))::int, (SELECT count(*) FROM queued)::int,
                   coalesce(max(id), {3})
              FROM page""";

    private final DSLContext dsl;

    public PostgresMirrorDrift(DataSource dataSource) {
        this.dsl = Jooq.using(dataSource);
    }

    /** @throws IllegalArgumentException when {@code limit} is below 1 */
    @Override
    public DriftPage checkPage(long afterId, int limit, boolean queueRepairs) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
        }
        Record4<Integer, Integer, Integer, Long> page =
                checkPageQuery(afterId, limit, queueRepairs).fetchSingle();
        return new DriftPage(page.value1(), page.value2(), page.value3(), page.value4());
    }

    ResultQuery<Record4<Integer, Integer, Integer, Long>> checkPageQuery(
            long afterId, int limit, boolean queueRepairs) {
        return dsl.resultQuery(
                        queueRepairs ? CHECK_AND_QUEUE : CHECK,
                        CATALOG_RESOURCES,
                        PROJECTS,
                        P_CATALOG_RESOURCE_SYNC_EVENTS,
                        val(afterId),
                        val(limit))
                .coerce(
                        field("checked", Integer.class),
                        field("drifted", Integer.class),
                        field("queued", Integer.class),
                        field("last_id", Long.class));
    }
}
