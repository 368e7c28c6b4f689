-- Partitions that queue upkeep detached from p_catalog_resource_sync_events: plain tables now, holding only
-- processed events, kept until their retention runs out and a later round drops them (GitLab keeps the same
-- bookkeeping in detached_partitions). A row is written in the transaction that detaches the partition and
-- deleted in the one that drops it, so it exists exactly while the detached table does.
CREATE TABLE catalog_resource_sync_event_detached_partitions (
    partition_value bigint      PRIMARY KEY,
    table_name      text        NOT NULL UNIQUE,
    detached_at     timestamptz NOT NULL
);
