package dev.catalogsync.adapters.postgres;

import static dev.catalogsync.adapters.postgres.jooq.Tables.CATALOG_SYNC_FEATURE_FLAGS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.excluded;

import dev.catalogsync.adapters.postgres.jooq.tables.CatalogSyncFeatureFlags;
import dev.catalogsync.application.port.out.FeatureFlagStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * Flag overrides in {@code catalog_sync_feature_flags}, one row per overridden flag. Each method is one statement; setting
 * is an upsert, so concurrent setters end with the last one's value and never fail on each other.
 */
public class PostgresFeatureFlagStore implements FeatureFlagStore {

    private static final CatalogSyncFeatureFlags FLAGS = CATALOG_SYNC_FEATURE_FLAGS;

    private final DSLContext dsl;

    public PostgresFeatureFlagStore(DataSource dataSource) {
        this.dsl = Jooq.using(dataSource);
    }

    @Override
    public Map<String, Boolean> overrides() {
        return Map.copyOf(dsl.select(FLAGS.NAME, FLAGS.ENABLED).from(FLAGS).fetchMap(FLAGS.NAME, FLAGS.ENABLED));
    }

    @Override
    public Optional<Boolean> override(String name) {
        Objects.requireNonNull(name, "name");
        return dsl.select(FLAGS.ENABLED).from(FLAGS).where(FLAGS.NAME.eq(name)).fetchOptional(FLAGS.ENABLED);
    }

    @Override
    public void setOverride(String name, boolean enabled) {
        Objects.requireNonNull(name, "name");
        dsl.insertInto(FLAGS, FLAGS.NAME, FLAGS.ENABLED)
                .values(name, enabled)
                .onConflict(FLAGS.NAME)
                .doUpdate()
                .set(FLAGS.ENABLED, excluded(FLAGS.ENABLED))
                .set(FLAGS.UPDATED_AT, currentOffsetDateTime())
                .execute();
    }

    @Override
    public boolean deleteOverride(String name) {
        Objects.requireNonNull(name, "name");
        return dsl.deleteFrom(FLAGS).where(FLAGS.NAME.eq(name)).execute() > 0;
    }
}
