-- The trigger on projects, once per statement instead of once per row. Same names, same events: one pending
-- event per catalog resource of a project whose name, description or visibility_level changed, naming the
-- resource and the project's old id, as GitLab's row trigger (V3) queues; nothing otherwise.
--
-- Why: GitLab's row trigger calls its function for every updated row whose mirrored columns changed, catalog
-- resource or not, and every call probes catalog_resources: a bulk rename of ordinary projects paid a function
-- call per row. Here the statement's old rows arrive as one transition table, and one join per statement finds
-- the catalog resources among them.
--
-- How the work is done:
--   * Only the old rows are captured: the new values are the project's row as it is now, one probe of the
--     primary key, made only for the rows that are catalog projects. Capturing the new rows as well would cost
--     every bulk update of ordinary projects a second copy of its rows.
--   * Up to 100 updated rows (every single-row update): a static statement, planned once per session and
--     cached. Its plan is made for a handful of rows, index probes of catalog_resources and projects, which is
--     right at that size.
--   * More rows: the same statement through EXECUTE, planned for the transition table's real size. A cached
--     plan keeps the row count of the session's first call, and a plan made for one row probes the index once
--     per row of a 200k-row update. The catalog resources are looked up by the range of the statement's ids
--     first (the OFFSET 0 keeps the planner from reordering), so a bulk update of ordinary projects costs one
--     pass over its old rows and an index range scan that finds nothing to hash.
--   * Rows are paired by id. A row whose old id no longer exists (an update of projects.id itself, which the
--     foreign key of our own catalog_resources forbids for catalog projects) counts as changed: its resources
--     get an event, as GitLab's row trigger gives them when a mirrored column changed too. An extra event is
--     harmless: the worker copies the project's current values, which is idempotent.
--
-- Transition tables allow no WHEN clause and no column list (UPDATE OF), so the trigger fires for every
-- UPDATE of projects, also one that changes no mirrored column or no row at all: such a statement pays the
-- capture of its rows and one statement that queues nothing.
--
-- One transaction (Flyway's): writers of projects never see the table without a trigger. Replacing the trigger
-- waits for the table's lock like any DDL, bounded by the migrating session's lock_timeout.

CREATE OR REPLACE FUNCTION insert_catalog_resource_sync_event() RETURNS trigger
    LANGUAGE plpgsql AS
$function$
BEGIN
    PERFORM FROM old_projects OFFSET 100 LIMIT 1;
    IF NOT FOUND THEN
        INSERT INTO p_catalog_resource_sync_events (catalog_resource_id, project_id)
        SELECT listed.catalog_resource_id, listed.id
          FROM (SELECT cr.id AS catalog_resource_id, o.id, o.name, o.description, o.visibility_level
                  FROM old_projects o
                  JOIN catalog_resources cr ON cr.project_id = o.id
                OFFSET 0) listed
         WHERE NOT EXISTS (SELECT FROM projects p
                            WHERE p.id = listed.id
                              AND (p.name, p.description, p.visibility_level)
                                  IS NOT DISTINCT FROM (listed.name, listed.description, listed.visibility_level));
    ELSE
        EXECUTE $statement$
        INSERT INTO p_catalog_resource_sync_events (catalog_resource_id, project_id)
        SELECT listed.catalog_resource_id, listed.id
          FROM (SELECT cr.id AS catalog_resource_id, o.id, o.name, o.description, o.visibility_level
                  FROM old_projects o
                  JOIN catalog_resources cr ON cr.project_id = o.id
                 WHERE cr.project_id BETWEEN (SELECT min(id) FROM old_projects) AND (SELECT max(id) FROM old_projects)
                OFFSET 0) listed
         WHERE NOT EXISTS (SELECT FROM projects p
                            WHERE p.id = listed.id
                              AND (p.name, p.description, p.visibility_level)
                                  IS NOT DISTINCT FROM (listed.name, listed.description, listed.visibility_level))
        $statement$;
    END IF;
    RETURN NULL;
END
$function$;

-- The row trigger of V3 is replaced in place. On a host's database the migrating role has the TRIGGER privilege on
-- projects but does not own it (docs/installing.md), and DROP TRIGGER needs the owner; CREATE OR REPLACE TRIGGER
-- (PostgreSQL 14 and later) needs only that privilege. Older servers take the drop, which needs the owner there.
DO $migration$
BEGIN
    IF current_setting('server_version_num')::int < 140000 THEN
        DROP TRIGGER IF EXISTS trigger_catalog_resource_sync_event_on_project_update ON projects;
        CREATE TRIGGER trigger_catalog_resource_sync_event_on_project_update
            AFTER UPDATE ON projects
            REFERENCING OLD TABLE AS old_projects
            FOR EACH STATEMENT
            EXECUTE FUNCTION insert_catalog_resource_sync_event();
    ELSE
        CREATE OR REPLACE TRIGGER trigger_catalog_resource_sync_event_on_project_update
            AFTER UPDATE ON projects
            REFERENCING OLD TABLE AS old_projects
            FOR EACH STATEMENT
            EXECUTE FUNCTION insert_catalog_resource_sync_event();
    END IF;
END
$migration$;
