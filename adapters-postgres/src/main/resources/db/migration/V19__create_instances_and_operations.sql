-- The services working on this database: each running service upserts its row every few seconds (stamped with
-- the database's clock, the one every instance shares) and deletes it when it stops; the console lists the rows
-- seen lately. A row left by a process that died is forgotten a day after it was last seen.
CREATE TABLE catalog_sync_instances (
    instance_name text        PRIMARY KEY,
    started_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL
);

-- What operators and schedules did besides flag changes (those are in catalog_sync_feature_flag_changes): partition
-- rounds and enqueues asked for from the console, and every reconcile, with who, from where, when and the outcome.
-- Rows are only ever added; they come at an operator's pace (a click, a nightly reconcile).
CREATE TABLE catalog_sync_operations (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text        NOT NULL,
    actor        text        NOT NULL,
    origin       text        NOT NULL,
    performed_at timestamptz NOT NULL,
    outcome      text        NOT NULL
);

-- The newest operations, and the newest of one kind (the last drift check), from the indexes alone.
CREATE INDEX catalog_sync_operations_performed_idx ON catalog_sync_operations (performed_at DESC, id DESC);
CREATE INDEX catalog_sync_operations_kind_idx ON catalog_sync_operations (kind, performed_at DESC, id DESC);
