package dev.catalogsync.adapters.postgres.testing;

import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_RESOURCES;
import static dev.catalogsync.adapters.postgres.jooq.Tables.PROJECTS;
import static dev.catalogsync.adapters.postgres.jooq.Tables.P_CATALOG_RESOURCE_SYNC_EVENTS;
import static org.jooq.impl.DSL.currentOffsetDateTime;

import dev.catalogsync.application.contract.CatalogResource;
import dev.catalogsync.application.contract.CatalogWorld;
import dev.catalogsync.application.contract.MirroredAttributes;
import dev.catalogsync.application.contract.VisibilityLevel;
import dev.catalogsync.domain.SyncEvent;
import dev.catalogsync.domain.SyncEventStatus;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The tables around the queue as other applications write them: plain {@code INSERT}, {@code UPDATE} and
 * {@code DELETE} statements, each committed on its own. Nothing here queues an event: the real trigger on
 * {@code projects} does, as it would in production.
 */
public final class PostgresCatalogWorld implements CatalogWorld {

    private static final String TRIGGER = "trigger_catalog_resource_sync_event_on_project_update";

    private final DSLContext dsl;

    public PostgresCatalogWorld(DataSource dataSource) {
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    @Override
    public long createProject(MirroredAttributes attributes) {
        return dsl.insertInto(PROJECTS, PROJECTS.NAME, PROJECTS.DESCRIPTION, PROJECTS.VISIBILITY_LEVEL)
                .values(
                        attributes.name(),
                        attributes.description(),
                        attributes.visibility().level())
                .returning(PROJECTS.ID)
                .fetchSingle(PROJECTS.ID);
    }

    @Override
    public long createCatalogResource(long projectId) {
        return dsl.insertInto(
                        CATALOG_RESOURCES,
                        CATALOG_RESOURCES.PROJECT_ID,
                        CATALOG_RESOURCES.NAME,
                        CATALOG_RESOURCES.DESCRIPTION,
                        CATALOG_RESOURCES.VISIBILITY_LEVEL)
                .select(dsl.select(PROJECTS.ID, PROJECTS.NAME, PROJECTS.DESCRIPTION, PROJECTS.VISIBILITY_LEVEL)
                        .from(PROJECTS)
                        .where(PROJECTS.ID.eq(projectId)))
                .returning(CATALOG_RESOURCES.ID)
                .fetchOptional(CATALOG_RESOURCES.ID)
                .orElseThrow(() -> new IllegalArgumentException("No project " + projectId));
    }

    /** One {@code UPDATE projects}, touching {@code updated_at} as an application would. */
    @Override
    public void updateProject(long projectId, MirroredAttributes attributes) {
        dsl.update(PROJECTS)
                .set(PROJECTS.NAME, attributes.name())
                .set(PROJECTS.DESCRIPTION, attributes.description())
                .set(PROJECTS.VISIBILITY_LEVEL, attributes.visibility().level())
                .set(PROJECTS.UPDATED_AT, currentOffsetDateTime())
                .where(PROJECTS.ID.eq(projectId))
                .execute();
    }

    /** In one transaction, so that no other session's update slips through while the trigger is off. */
    @Override
    public void updateProjectWithTheTriggerDisabled(long projectId, MirroredAttributes attributes) {
        dsl.transaction(configuration -> {
            DSLContext tx = configuration.dsl();
            tx.execute("ALTER TABLE projects DISABLE TRIGGER " + TRIGGER);
            tx.update(PROJECTS)
                    .set(PROJECTS.NAME, attributes.name())
                    .set(PROJECTS.DESCRIPTION, attributes.description())
                    .set(PROJECTS.VISIBILITY_LEVEL, attributes.visibility().level())
                    .where(PROJECTS.ID.eq(projectId))
                    .execute();
            tx.execute("ALTER TABLE projects ENABLE TRIGGER " + TRIGGER);
        });
    }

    @Override
    public void deleteCatalogResource(long catalogResourceId) {
        dsl.deleteFrom(CATALOG_RESOURCES)
                .where(CATALOG_RESOURCES.ID.eq(catalogResourceId))
                .execute();
    }

    @Override
    public void writeCatalogResourceByHand(long catalogResourceId, MirroredAttributes attributes) {
        dsl.update(CATALOG_RESOURCES)
                .set(CATALOG_RESOURCES.NAME, attributes.name())
                .set(CATALOG_RESOURCES.DESCRIPTION, attributes.description())
                .set(CATALOG_RESOURCES.VISIBILITY_LEVEL, attributes.visibility().level())
                .where(CATALOG_RESOURCES.ID.eq(catalogResourceId))
                .execute();
    }

    @Override
    public Optional<CatalogResource> catalogResource(long catalogResourceId) {
        return dsl.selectFrom(CATALOG_RESOURCES)
                .where(CATALOG_RESOURCES.ID.eq(catalogResourceId))
                .fetchOptional(row -> new CatalogResource(
                        row.getId(),
                        row.getProjectId(),
                        new MirroredAttributes(
                                row.getName(),
                                row.getDescription(),
                                VisibilityLevel.fromLevel(row.getVisibilityLevel()))));
    }

    @Override
    public List<SyncEvent> events() {
        return dsl.selectFrom(P_CATALOG_RESOURCE_SYNC_EVENTS)
                .orderBy(P_CATALOG_RESOURCE_SYNC_EVENTS.ID)
                .fetch(row -> new SyncEvent(
                        row.getId(),
                        row.getCatalogResourceId(),
                        row.getProjectId(),
                        row.getPartitionId(),
                        SyncEventStatus.fromCode(row.getStatus()),
                        row.getCreatedAt().toInstant()));
    }

    @Override
    public void markProcessed(SyncEvent event) {
        dsl.update(P_CATALOG_RESOURCE_SYNC_EVENTS)
                .set(P_CATALOG_RESOURCE_SYNC_EVENTS.STATUS, (short) SyncEventStatus.PROCESSED.code())
                .set(P_CATALOG_RESOURCE_SYNC_EVENTS.UPDATED_AT, currentOffsetDateTime())
                .where(P_CATALOG_RESOURCE_SYNC_EVENTS.ID.eq(event.id()))
                .and(P_CATALOG_RESOURCE_SYNC_EVENTS.PARTITION_ID.eq(event.partitionId()))
                .execute();
    }
}
