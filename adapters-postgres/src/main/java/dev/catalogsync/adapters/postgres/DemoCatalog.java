package dev.catalogsync.adapters.postgres;

import static org.jooq.impl.DSL.val;

import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Demo data for a database of our own (the embedded one): catalog projects, each then renamed once so that
 * the real trigger queues one sync event per project. Never point it at a database whose projects matter.
 */
public class DemoCatalog {

    /** What {@link #seed} made. */
    public record SeedReport(int projects, int queuedEvents) {}

    private final DSLContext dsl;

    public DemoCatalog(DataSource dataSource) {
        this.dsl = Jooq.using(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * Creates {@code projects} public projects with a catalog resource each, mirroring them, then renames them
     * all in one UPDATE, as a bulk SQL change would. Three statements in one transaction, whatever the count.
     */
    public SeedReport seed(int projects) {
        if (projects < 1) {
            throw new IllegalArgumentException("projects must be at least 1, was " + projects);
        }
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Record ids = tx.resultQuery("""
                    WITH created AS (
                        INSERT INTO projects (name, description, visibility_level)
                        SELECT 'demo project ' || g, 'seeded by catalog-sync demo seed', 20
                          FROM generate_series(1, {0}) g
                        RETURNING id
                    )
                    SELECT min(id), max(id) FROM created""", val(projects)).fetchSingle();
            long first = ids.get(0, Long.class);
            long last = ids.get(1, Long.class);
            tx.execute("""
                    INSERT INTO catalog_resources (project_id, name, description, visibility_level)
                    SELECT id, name, description, visibility_level FROM projects WHERE id BETWEEN {0} AND {1}""", val(first), val(last));
            int queued = tx.execute(
                    "UPDATE projects SET name = name || ' (renamed)' WHERE id BETWEEN {0} AND {1}",
                    val(first), val(last));
            return new SeedReport(projects, queued);
        });
    }
}
