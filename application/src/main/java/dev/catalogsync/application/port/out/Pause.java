package dev.catalogsync.application.port.out;

import java.time.Duration;

/** Waits between retries. Tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Pause {

    /** Waits about {@code duration}; returns early, with the thread's interrupt flag set, if interrupted. */
    void pause(Duration duration);
}
