package dev.catalogsync.adapters.postgres.benchmark;

import javax.sql.DataSource;

/**
 * Swaps the trigger on the bench database's {@code projects}, to measure what each costs the writers of
 * {@code projects}: ours as migrated, GitLab's row trigger (V3, under a name of its own), or none.
 *
 * <p>A variant is installed by dropping the others, never by disabling them: a disabled trigger with transition
 * tables still makes PostgreSQL capture every updated row, so "disabled" is not "no trigger".
 */
public final class TriggerVariants {

    /** The triggers the bench compares. */
    public enum Variant {
        /** The shipped statement-level trigger. */
        OURS,
        /** GitLab's: once per changed row, with a {@code WHEN} clause. */
        GITLAB_ROW,
        /** No trigger on {@code projects}: the floor every other variant is compared with. */
        NONE
    }

    static final String OUR_TRIGGER = "trigger_catalog_resource_sync_event_on_project_update";
    static final String GITLAB_TRIGGER = "catalog_sync_bench_gitlab_row_trigger";
    private static final String GITLAB_FUNCTION = "catalog_sync_bench_gitlab_row_event";

    private final Jdbc jdbc;
    private final String ourDefinition;

    /** Reads the shipped trigger's definition, so that it can be put back exactly. */
    public TriggerVariants(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
        this.ourDefinition = jdbc.text("SELECT pg_get_triggerdef(oid) FROM pg_trigger "
                + "WHERE tgrelid = 'projects'::regclass AND tgname = '" + OUR_TRIGGER + "'");
        // GitLab's function from V3, word for word but for its name.
        jdbc.execute("CREATE OR REPLACE FUNCTION " + GITLAB_FUNCTION + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n"
                + "    INSERT INTO p_catalog_resource_sync_events (catalog_resource_id, project_id)\n"
                + "    SELECT id, OLD.id FROM catalog_resources WHERE project_id = OLD.id;\n"
                + "    RETURN NULL;\n"
                + "END\n"
                + "$$");
    }

    /** Makes {@code variant} the only trigger on {@code projects}, in one transaction. */
    public void use(Variant variant) {
        String install = switch (variant) {
            case OURS -> ourDefinition;
            case GITLAB_ROW ->
                "CREATE TRIGGER " + GITLAB_TRIGGER + " AFTER UPDATE ON projects FOR EACH ROW "
                        + "WHEN (OLD.name IS DISTINCT FROM NEW.name "
                        + "OR OLD.description IS DISTINCT FROM NEW.description "
                        + "OR OLD.visibility_level IS DISTINCT FROM NEW.visibility_level) "
                        + "EXECUTE FUNCTION " + GITLAB_FUNCTION + "()";
            case NONE -> "SELECT 1";
        };
        jdbc.transaction(
                "DROP TRIGGER IF EXISTS " + OUR_TRIGGER + " ON projects",
                "DROP TRIGGER IF EXISTS " + GITLAB_TRIGGER + " ON projects",
                install);
    }

    /** Which variant is installed now. */
    public Variant current() {
        String installed = jdbc.text("SELECT coalesce(string_agg(tgname, ','), '') FROM pg_trigger "
                + "WHERE tgrelid = 'projects'::regclass AND NOT tgisinternal");
        return switch (installed) {
            case OUR_TRIGGER -> Variant.OURS;
            case GITLAB_TRIGGER -> Variant.GITLAB_ROW;
            case "" -> Variant.NONE;
            default -> throw new IllegalStateException("unexpected triggers on projects: " + installed);
        };
    }
}
