/**
 * What the core drives: each adapter here implements an outbound port of the application ({@code port.out}).
 */
package dev.catalogsync.adapters.scheduler.outbound;
