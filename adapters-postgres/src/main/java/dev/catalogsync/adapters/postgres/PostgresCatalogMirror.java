package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_RESOURCES;
import static dev.catalogsync.adapters.postgres.jooq.Tables.PROJECTS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.row;

import dev.catalogsync.adapters.postgres.jooq.tables.CatalogResources;
import dev.catalogsync.adapters.postgres.jooq.tables.Projects;
import dev.catalogsync.application.port.out.CatalogMirror;
import java.util.Collection;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * The copies in {@code catalog_resources}, written from {@code projects} by one {@code UPDATE ... FROM} per
 * call, however many resources it names.
 *
 * <p>Only rows that differ from their project are written (the {@code IS DISTINCT FROM} compares the three
 * columns null-safely), so a resync of an already synced batch writes no row versions. Ids of deleted
 * resources match nothing. The statement locks the rows it changes until it commits; a row locked by another
 * transaction makes it wait at most the pool's lock timeout, then fail as a whole, leaving the events pending
 * for the next pass.
 */
public class PostgresCatalogMirror implements CatalogMirror {

    private static final CatalogResources RESOURCE = CATALOG_RESOURCES.as("cr");
    private static final Projects PROJECT = PROJECTS.as("p");

    private final DSLContext dsl;

    public PostgresCatalogMirror(DataSource dataSource) {
        this.dsl = Jooq.using(dataSource);
    }

    @Override
    public int syncFromProjects(Collection<Long> catalogResourceIds) {
        if (catalogResourceIds.isEmpty()) {
            return 0;
        }
        return syncFromProjectsQuery(catalogResourceIds).execute();
    }

    Query syncFromProjectsQuery(Collection<Long> catalogResourceIds) {
        return dsl.update(RESOURCE)
                .set(RESOURCE.NAME, PROJECT.NAME)
                .set(RESOURCE.DESCRIPTION, PROJECT.DESCRIPTION)
                .set(RESOURCE.VISIBILITY_LEVEL, PROJECT.VISIBILITY_LEVEL)
                .set(RESOURCE.UPDATED_AT, currentOffsetDateTime())
                .from(PROJECT)
                .where(RESOURCE.ID.eq(any(catalogResourceIds.toArray(Long[]::new))))
                .and(PROJECT.ID.eq(RESOURCE.PROJECT_ID))
                .and(row(RESOURCE.NAME, RESOURCE.DESCRIPTION, RESOURCE.VISIBILITY_LEVEL)
                        .isDistinctFrom(row(PROJECT.NAME, PROJECT.DESCRIPTION, PROJECT.VISIBILITY_LEVEL)));
    }
}
