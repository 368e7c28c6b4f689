-- The queue. Partitioned by list so that processed events leave by DROP of a whole partition instead of
-- DELETE and VACUUM (GitLab's sliding-list strategy). No foreign keys on purpose: they would cost on every
-- insert from the trigger, and an event may outlive the catalog resource it names (an orphaned event).

CREATE SEQUENCE p_catalog_resource_sync_events_id_seq;

CREATE TABLE p_catalog_resource_sync_events (
    id                  bigint      NOT NULL DEFAULT nextval('p_catalog_resource_sync_events_id_seq'),
    catalog_resource_id bigint      NOT NULL,
    project_id          bigint      NOT NULL,
    partition_id        bigint      NOT NULL DEFAULT 1,
    status              smallint    NOT NULL DEFAULT 1,  -- 1 pending, 2 processed
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, partition_id)
) PARTITION BY LIST (partition_id);

ALTER SEQUENCE p_catalog_resource_sync_events_id_seq OWNED BY p_catalog_resource_sync_events.id;

CREATE TABLE catalog_resource_sync_events_1
    PARTITION OF p_catalog_resource_sync_events FOR VALUES IN (1);

-- The worker only ever looks for pending events in id order; processed rows stay out of this index.
CREATE INDEX index_p_catalog_resource_sync_events_on_id_where_pending
    ON p_catalog_resource_sync_events (id) WHERE status = 1;
