-- The bench's measure of what GitLab's schema costs per event, inside the server: one statement per batch of
-- 1000 (take the pending events, copy their projects' values onto their resources, flip the events to
-- processed), looped in PL/pgSQL until none is pending. No client, no round trip: the ceiling of the schema.
-- 'flip-only' flips without copying: what the status flip alone costs. Returns the events and the seconds the
-- server's clock saw.
CREATE OR REPLACE FUNCTION catalog_sync_bench_drain_in_server(mode text)
    RETURNS TABLE (events bigint, seconds double precision)
    LANGUAGE plpgsql AS
$function$
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
        EXIT WHEN taken = 0;
        total := total + taken;
    END LOOP;
    RETURN QUERY SELECT total, extract(epoch FROM clock_timestamp() - started)::double precision;
END
$function$;
