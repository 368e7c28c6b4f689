package dev.catalogsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import dev.catalogsync.adapters.scheduler.outbound.pause.SleepingPause;
import dev.catalogsync.application.port.out.Pause;
import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.application.port.out.WorkerQueue;

/**
 * The one-shot commands drive the worker themselves: {@code drain} loops on the reported result, so a
 * request for another run needs no queue, and there is no process to report metrics from.
 */
public class CommandLineDriverModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(WorkerQueue.class).toInstance(WorkerQueue.NONE);
        bind(Pause.class).toInstance(new SleepingPause());
        bind(SyncStatistics.class).toInstance(SyncStatistics.NOOP);
    }
}
