package dev.catalogsync.adapters.postgres.benchmark;

import java.time.Duration;

/**
 * A drain timed by the server's own clock.
 *
 * @param events events taken
 * @param serverTime from the first statement to the last, as the server saw it
 */
public record ServerDrain(long events, Duration serverTime) {}
