package dev.catalogsync.adapters.postgres;

import static org.jooq.impl.DSL.val;

import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Demo data for a database of our own (the embedded one): catalog projects, each then renamed once so that
 * the real trigger queues one sync event per project. Never point it at a database whose projects matter.
 */
public class DemoCatalog {

    /** What {@link #seed} made: the projects' ids run from {@code firstProjectId} to {@code lastProjectId}. */
    public record SeedReport(int projects, int queuedEvents, long firstProjectId, long lastProjectId) {}

    private final DSLContext dsl;

    public DemoCatalog(DataSource dataSource) {
        this.dsl = Jooq.using(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** As {@link #seed(int, Consumer)}, telling nobody about its steps. */
    public SeedReport seed(int projects) {
        return seed(projects, step -> {});
    }

    /**
     * Creates {@code projects} public projects with a catalog resource each, mirroring them, then renames them
     * all in one UPDATE, as a bulk SQL change would. Three statements in one transaction, whatever the count.
     *
     * @param step told, before each of the three statements, what it is about to do (for progress output)
     */
    public SeedReport seed(int projects, Consumer<String> step) {
        Objects.requireNonNull(step, "step");
        if (projects < 1) {
            throw new IllegalArgumentException("projects must be at least 1, was " + projects);
        }
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            step.accept("creating " + projects + " projects");
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
            step.accept("creating their " + projects + " catalog resources");
            tx.execute("""
                    INSERT INTO catalog_resources (project_id, name, description, visibility_level)
                    SELECT id, name, description, visibility_level FROM projects WHERE id BETWEEN {0} AND {1}""", val(first), val(last));
            step.accept("renaming them, which queues " + projects + " sync events");
            int queued = tx.execute(
                    "UPDATE projects SET name = name || ' (renamed)' WHERE id BETWEEN {0} AND {1}",
                    val(first), val(last));
            return new SeedReport(projects, queued, first, last);
        });
    }

    /** Renames one project, as an application (or a person with psql) would: one UPDATE. */
    public void rename(long projectId, String name) {
        dsl.execute("UPDATE projects SET name = {0} WHERE id = {1}", val(name), val(projectId));
    }

    /**
     * Renames the projects {@code firstId} to {@code lastId} in one UPDATE, as a bulk change or a migration would:
     * each gets {@code prefix} followed by its id.
     *
     * @return how many projects changed
     */
    public int renameAll(long firstId, long lastId, String prefix) {
        return dsl.execute(
                "UPDATE projects SET name = {0} || id WHERE id BETWEEN {1} AND {2}",
                val(prefix), val(firstId), val(lastId));
    }

    /** Whether the project's catalog resource carries {@code name}: the mirror caught up with that change. */
    public boolean mirrors(long projectId, String name) {
        return dsl.fetchExists(dsl.selectOne()
                .from("catalog_resources")
                .where("project_id = {0} AND name = {1}", val(projectId), val(name)));
    }
}
