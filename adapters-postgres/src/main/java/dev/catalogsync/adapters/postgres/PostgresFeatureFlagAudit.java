package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_SYNC_FEATURE_FLAG_CHANGES;

import dev.catalogsync.adapters.postgres.jooq.tables.CatalogSyncFeatureFlagChanges;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.FeatureFlagAudit;
import dev.catalogsync.application.port.out.FlagChange;
import dev.catalogsync.application.port.out.FlagChange.StoredState;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * The flag audit in {@code catalog_sync_feature_flag_changes}: one insert per change, and the history read newest
 * first through its index. A stored state of {@link StoredState#DEFAULT} (no override) is {@code NULL}.
 */
public class PostgresFeatureFlagAudit implements FeatureFlagAudit {

    private static final CatalogSyncFeatureFlagChanges CHANGES = CATALOG_SYNC_FEATURE_FLAG_CHANGES;

    private final DSLContext dsl;

    public PostgresFeatureFlagAudit(DataSource dataSource) {
        this.dsl = Jooq.using(dataSource);
    }

    @Override
    public void record(FlagChange change) {
        Objects.requireNonNull(change, "change");
        dsl.insertInto(
                        CHANGES,
                        CHANGES.FLAG_NAME,
                        CHANGES.OLD_VALUE,
                        CHANGES.NEW_VALUE,
                        CHANGES.ACTOR,
                        CHANGES.ORIGIN,
                        CHANGES.CHANGED_AT)
                .values(
                        change.flagName(),
                        column(change.before()),
                        column(change.after()),
                        change.changedBy().actor(),
                        change.changedBy().origin(),
                        change.changedAt().atOffset(ZoneOffset.UTC))
                .execute();
    }

    @Override
    public List<FlagChange> history(String flagName, int limit) {
        Objects.requireNonNull(flagName, "flagName");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
        }
        return dsl.selectFrom(CHANGES)
                .where(CHANGES.FLAG_NAME.eq(flagName))
                .orderBy(CHANGES.CHANGED_AT.desc(), CHANGES.ID.desc())
                .limit(limit)
                .fetch(row -> new FlagChange(
                        row.getFlagName(),
                        state(row.getOldValue()),
                        state(row.getNewValue()),
                        new ChangedBy(row.getActor(), row.getOrigin()),
                        row.getChangedAt().toInstant()));
    }

    private static Boolean column(StoredState state) {
        return switch (state) {
            case ENABLED -> Boolean.TRUE;
            case DISABLED -> Boolean.FALSE;
            case DEFAULT -> null;
        };
    }

    private static StoredState state(Boolean column) {
        return column == null ? StoredState.DEFAULT : StoredState.of(column);
    }
}
