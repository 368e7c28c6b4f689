-- A sketch, for the bench only: the queue acknowledged a batch at a time, as PgQ does, instead of one row
-- written per event. GitLab's table keeps its columns; it gains one, the id of the transaction that queued the
-- event (xid8), which the trigger fills by default. A consumer's position is one row: the tick it is in and the
-- last event it took there. A tick is a snapshot; the events of the interval between two ticks are those whose
-- transaction the later snapshot sees and the earlier does not, so an event committed late, with a lower id
-- than ones already taken, still falls in a later interval and is never skipped. Inside an interval every
-- transaction has committed, so the events are taken in (txid, id) order, a batch at a time, from one index.
-- Acknowledging a batch writes the position row: one row per batch, however many events.
ALTER TABLE p_catalog_resource_sync_events ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX catalog_sync_sketch_events_by_txid ON p_catalog_resource_sync_events (txid, id);

CREATE TABLE catalog_sync_sketch_ticks (
    tick_id  bigint      PRIMARY KEY,
    snapshot pg_snapshot NOT NULL
);

CREATE TABLE catalog_sync_sketch_position (
    consumer  text   PRIMARY KEY,
    tick_id   bigint NOT NULL,
    last_txid xid8   NOT NULL,
    last_id   bigint NOT NULL
);

INSERT INTO catalog_sync_sketch_ticks VALUES (1, pg_current_snapshot());
INSERT INTO catalog_sync_sketch_position VALUES ('catalog-sync', 1, '0', 0);

-- One batch: returns how many events it took, 0 once the consumer has caught up with now, -1 when it moved to
-- the next interval and should be called again. The position row's lock serialises consumers.
CREATE FUNCTION catalog_sync_sketch_next_batch(batch_size int) RETURNS int LANGUAGE plpgsql AS
$function$
DECLARE
    pos catalog_sync_sketch_position;
    previous pg_snapshot;
    following pg_snapshot;
    made_now boolean := false;
    taken int;
    batch_txid xid8;
    batch_id bigint;
BEGIN
    SELECT * INTO pos FROM catalog_sync_sketch_position WHERE consumer = 'catalog-sync' FOR UPDATE;
    SELECT snapshot INTO previous FROM catalog_sync_sketch_ticks WHERE tick_id = pos.tick_id;
    SELECT snapshot INTO following FROM catalog_sync_sketch_ticks WHERE tick_id = pos.tick_id + 1;
    IF following IS NULL THEN
        following := pg_current_snapshot();
        INSERT INTO catalog_sync_sketch_ticks VALUES (pos.tick_id + 1, following);
        made_now := true;
    END IF;
    WITH batch AS (
        SELECT e.txid, e.id, e.catalog_resource_id
          FROM p_catalog_resource_sync_events e
         WHERE (e.txid, e.id) > (greatest(pos.last_txid, pg_snapshot_xmin(previous)), pos.last_id)
           AND e.txid < pg_snapshot_xmax(following)
           AND pg_visible_in_snapshot(e.txid, following)
           AND NOT pg_visible_in_snapshot(e.txid, previous)
         ORDER BY e.txid, e.id
         LIMIT batch_size
    ), synced AS (
        UPDATE catalog_resources cr
           SET name = p.name, description = p.description, visibility_level = p.visibility_level,
               updated_at = now()
          FROM projects p
         WHERE cr.id = ANY (ARRAY(SELECT catalog_resource_id FROM batch)) AND p.id = cr.project_id
           AND (cr.name, cr.description, cr.visibility_level)
               IS DISTINCT FROM (p.name, p.description, p.visibility_level)
        RETURNING cr.id
    ), newest AS (
        SELECT txid, id FROM batch ORDER BY txid DESC, id DESC LIMIT 1
    )
    SELECT (SELECT count(*) FROM batch), (SELECT txid FROM newest), (SELECT id FROM newest)
      INTO taken, batch_txid, batch_id;
    IF taken > 0 THEN
        UPDATE catalog_sync_sketch_position SET last_txid = batch_txid, last_id = batch_id
         WHERE consumer = 'catalog-sync';
        RETURN taken;
    END IF;
    UPDATE catalog_sync_sketch_position SET tick_id = tick_id + 1, last_txid = '0', last_id = 0
     WHERE consumer = 'catalog-sync';
    RETURN CASE WHEN made_now THEN 0 ELSE -1 END;
END
$function$;

-- The same consumer looped inside the server, each batch committed, for the ceiling without round trips.
CREATE PROCEDURE catalog_sync_sketch_drain_in_server(
        INOUT events bigint DEFAULT 0, INOUT seconds double precision DEFAULT 0)
    LANGUAGE plpgsql AS
$procedure$
DECLARE
    started timestamptz := clock_timestamp();
    taken int;
    total bigint := 0;
BEGIN
    LOOP
        taken := catalog_sync_sketch_next_batch(1000);
        COMMIT;
        EXIT WHEN taken = 0;
        total := total + greatest(taken, 0);
    END LOOP;
    events := total;
    seconds := extract(epoch FROM clock_timestamp() - started);
END
$procedure$;
