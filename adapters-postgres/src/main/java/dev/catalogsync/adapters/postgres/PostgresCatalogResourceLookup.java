package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_RESOURCES;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;

import dev.catalogsync.application.port.out.CatalogResourceLookup;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.ResultQuery;

/**
 * Whether a project has a row in {@code catalog_resources}: one probe of the unique index on
 * {@code project_id}, the same the trigger uses, in its own transaction.
 */
public class PostgresCatalogResourceLookup implements CatalogResourceLookup {

    private final DSLContext dsl;

    public PostgresCatalogResourceLookup(DataSource dataSource) {
        this.dsl = Jooq.using(dataSource);
    }

    @Override
    public boolean isCatalogResource(long projectId) {
        return isCatalogResourceQuery(projectId).fetchSingle().value1();
    }

    ResultQuery<Record1<Boolean>> isCatalogResourceQuery(long projectId) {
        return dsl.select(
                exists(selectOne().from(CATALOG_RESOURCES).where(CATALOG_RESOURCES.PROJECT_ID.eq(projectId))));
    }
}
