package dev.catalogsync.adapters.scheduler.outbound.pause;

import dev.catalogsync.application.port.out.Pause;
import java.time.Duration;

/** Waits on the calling thread. An interrupt ends the wait early and stays set for the caller to see. */
public class SleepingPause implements Pause {

    @Override
    public void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
