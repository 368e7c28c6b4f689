-- GitLab's trigger, as it ships: one event per catalog resource of a project whose name, description or
-- visibility_level changed. The WHEN clause keeps every other project update free of the function call.

CREATE FUNCTION insert_catalog_resource_sync_event() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO p_catalog_resource_sync_events (catalog_resource_id, project_id)
    SELECT id, OLD.id FROM catalog_resources WHERE project_id = OLD.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER trigger_catalog_resource_sync_event_on_project_update
    AFTER UPDATE ON projects
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name
       OR OLD.description IS DISTINCT FROM NEW.description
       OR OLD.visibility_level IS DISTINCT FROM NEW.visibility_level)
    EXECUTE FUNCTION insert_catalog_resource_sync_event();
