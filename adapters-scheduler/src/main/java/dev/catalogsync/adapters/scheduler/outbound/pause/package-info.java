/** The outbound port {@code Pause}: the wait between retries, on the calling thread. */
package dev.catalogsync.adapters.scheduler.outbound.pause;
