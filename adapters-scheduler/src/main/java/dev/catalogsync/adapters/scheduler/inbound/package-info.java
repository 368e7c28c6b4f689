/**
 * What drives the core: each adapter here calls an inbound port of the application ({@code port.in}) or asks
 * for a worker run, on an outside event (an HTTP request, a poll's answer, a cron tick).
 */
package dev.catalogsync.adapters.scheduler.inbound;
