/**
 * What decides when the sync worker runs, on both sides of the hexagon. {@code inbound} holds what drives the
 * core: the HTTP endpoints ({@code inbound.http}), the idle poll for pending events ({@code inbound.poll}) and the
 * cluster-wide cron and queue upkeep ({@code inbound.cron}). {@code outbound} holds what the core drives: the
 * worker queue on db-scheduler ({@code outbound.queue}) and the wait between retries ({@code outbound.pause}).
 * This package keeps only what both sides share, the adapter's exception root.
 *
 * <p>Knows the application only, never the PostgreSQL adapter: what SQL it needs (db-scheduler's, the reschedule
 * marker) goes through a DataSource, and its tables come from the PostgreSQL adapter's migrations.
 */
package dev.catalogsync.adapters.scheduler;
