/**
 * The cluster-wide recurring tasks, one row each in db-scheduler's {@code catalog_sync_scheduled_tasks} so that a tick fires
 * on one instance only: GitLab's cron that enqueues the worker ({@link
 * dev.catalogsync.adapters.scheduler.inbound.cron.WorkerCron}) and the queue's upkeep, partition rounds and
 * {@code reconcile --repair} ({@link dev.catalogsync.adapters.scheduler.inbound.cron.UpkeepSchedule}). They are
 * built here and handed to the scheduler of {@code outbound.queue}, which must know them when it starts.
 */
package dev.catalogsync.adapters.scheduler.inbound.cron;
