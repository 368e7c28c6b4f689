-- What each running service did last, carried by its heartbeat, so that the status command (a process of its
-- own, which never runs the worker) can show the last worker run and the last failure as the service's
-- /status does. JSON documents the service writes and reads back as they are; null until the instance has one.
ALTER TABLE catalog_sync_instances
    ADD COLUMN last_worker_run text,
    ADD COLUMN last_failure    text;
