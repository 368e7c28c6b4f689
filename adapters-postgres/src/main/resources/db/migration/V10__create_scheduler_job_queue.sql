-- The run service's job queue and cron, kept by db-scheduler (adapters-scheduler) beside the queue they drive,
-- so that every instance of the service shares them through this database and nothing else (no Redis).
-- The table is db-scheduler's own for PostgreSQL, under our prefix (a host may run db-scheduler on its own
-- scheduled_tasks): the library reads and writes it, not our code.
-- One row per queued or executing job; the sync worker's job has a fixed instance id, so while its row
-- exists (queued or executing) another enqueue is dropped: Sidekiq's deduplicate :until_executed.
CREATE TABLE catalog_sync_scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX catalog_sync_scheduled_tasks_execution_time_idx ON catalog_sync_scheduled_tasks (execution_time);
CREATE INDEX catalog_sync_scheduled_tasks_last_heartbeat_idx ON catalog_sync_scheduled_tasks (last_heartbeat);
CREATE INDEX catalog_sync_scheduled_tasks_priority_execution_time_idx ON catalog_sync_scheduled_tasks (priority DESC, execution_time ASC);

-- Sidekiq's if_deduplicated: :reschedule_once. An enqueue dropped while the job executes leaves a row here;
-- the run clears it when it starts and, when it ends, takes it and queues exactly one more run.
CREATE TABLE catalog_sync_reschedule_requests (
    task_name    text        PRIMARY KEY,
    requested_at timestamptz NOT NULL DEFAULT now()
);
