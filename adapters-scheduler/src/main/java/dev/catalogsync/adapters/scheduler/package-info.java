/**
 * Drivers of the sync worker that decide when it runs: waits between retries ({@code SleepingPause}), the
 * cluster-wide job queue and cron on db-scheduler ({@code queue}), the idle poll for pending events
 * ({@code poll}) and the after-update callback over HTTP ({@code http}). Knows the application only, never the
 * PostgreSQL adapter: what SQL it needs (db-scheduler's, the reschedule marker) goes through a DataSource.
 */
package dev.catalogsync.adapters.scheduler;
