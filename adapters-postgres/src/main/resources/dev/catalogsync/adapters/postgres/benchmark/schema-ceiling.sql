-- The bench's measure of what GitLab's schema costs per event, inside the server: one statement per batch of
-- 1000 (take the pending events, copy their projects' values onto their resources, flip the events to
-- processed), each batch committed, looped in PL/pgSQL until none is pending. No client, no round trip: the
-- ceiling of the schema. 'flip-only' flips without copying: what the status flip alone costs. Hands back the
-- events and the seconds the server's clock saw.
--
-- A procedure, to commit each batch as a worker does: in one long transaction every batch would step over the
-- partial index's entries of all the events flipped before it, which no one can mark dead until it commits.
CREATE OR REPLACE PROCEDURE catalog_sync_bench_drain_in_server(
        mode text, INOUT events bigint DEFAULT 0, INOUT seconds double precision DEFAULT 0)
    LANGUAGE plpgsql AS
$procedure$
DECLARE
    started timestamptz := clock_timestamp();
    taken int;
    total bigint := 0;
BEGIN
    LOOP
        IF mode = 'flip' THEN
            WITH batch AS (
                SELECT id, catalog_resource_id, partition_id FROM p_catalog_resource_sync_events
                 WHERE status = 1 ORDER BY id LIMIT 1000
            ), synced AS (
                UPDATE catalog_resources cr
                   SET name = p.name, description = p.description, visibility_level = p.visibility_level,
                       updated_at = now()
                  FROM projects p
                 WHERE cr.id = ANY (ARRAY(SELECT catalog_resource_id FROM batch)) AND p.id = cr.project_id
                   AND (cr.name, cr.description, cr.visibility_level)
                       IS DISTINCT FROM (p.name, p.description, p.visibility_level)
                RETURNING cr.id
            ), marked AS (
                UPDATE p_catalog_resource_sync_events e SET status = 2, updated_at = now()
                 WHERE e.status = 1 AND e.id = ANY (ARRAY(SELECT id FROM batch))
                   AND e.partition_id = ANY (ARRAY(SELECT DISTINCT partition_id FROM batch))
                RETURNING e.id
            )
            SELECT count(*) INTO taken FROM marked;
        ELSIF mode = 'flip-only' THEN
            WITH batch AS (
                SELECT id, partition_id FROM p_catalog_resource_sync_events WHERE status = 1 ORDER BY id LIMIT 1000
            ), marked AS (
                UPDATE p_catalog_resource_sync_events e SET status = 2, updated_at = now()
                 WHERE e.status = 1 AND e.id = ANY (ARRAY(SELECT id FROM batch))
                   AND e.partition_id = ANY (ARRAY(SELECT DISTINCT partition_id FROM batch))
                RETURNING e.id
            )
            SELECT count(*) INTO taken FROM marked;
        ELSE
            RAISE EXCEPTION 'unknown mode %', mode;
        END IF;
        COMMIT;
        EXIT WHEN taken = 0;
        total := total + taken;
    END LOOP;
    events := total;
    seconds := extract(epoch FROM clock_timestamp() - started);
END
$procedure$;
