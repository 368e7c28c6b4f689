-- A host application's own schema, migrated by its own Flyway into flyway_schema_history: a projects table
-- with columns of its own, and tables whose names a careless installer would collide with.
CREATE TABLE projects (
    id               bigserial PRIMARY KEY,
    name             varchar(255) NOT NULL,
    path             varchar(255) NOT NULL,
    description      text,
    visibility_level integer      NOT NULL DEFAULT 0,
    star_count       integer      NOT NULL DEFAULT 0,
    archived         boolean      NOT NULL DEFAULT false
);
CREATE INDEX index_projects_on_path ON projects (path);

INSERT INTO projects (name, path, description, visibility_level, star_count)
SELECT 'host ' || g, 'group/host-' || g, 'described ' || g, 20, g FROM generate_series(1, 50) g;

CREATE TABLE feature_flags (key text PRIMARY KEY, state text NOT NULL);
INSERT INTO feature_flags VALUES ('dark_mode', 'on'), ('ci_process_catalog_resource_sync_events', 'host-owned');

-- db-scheduler's own table, as the host runs it.
CREATE TABLE scheduled_tasks (
    task_name text NOT NULL, task_instance text NOT NULL, task_data bytea,
    execution_time timestamptz NOT NULL, picked boolean NOT NULL, picked_by text,
    last_success timestamptz, last_failure timestamptz, consecutive_failures integer,
    last_heartbeat timestamptz, version bigint NOT NULL, priority smallint,
    PRIMARY KEY (task_name, task_instance));
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)
VALUES ('host-nightly-report', 'recurring', now(), false, 1);
