/** Drivers of the sync worker that decide when it runs: waits between retries, and later the cron and queue. */
package dev.catalogsync.adapters.scheduler;
