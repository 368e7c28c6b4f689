/**
 * The idle poll: asks the inbound port {@code CheckForPendingEvents} every quarter second, so that updates made
 * by direct or bulk SQL, which no callback reports, reach the mirror within about a second. Backs off while the
 * database is unreachable.
 */
package dev.catalogsync.adapters.scheduler.inbound.poll;
