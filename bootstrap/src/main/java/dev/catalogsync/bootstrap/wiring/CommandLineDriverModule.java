package dev.catalogsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import dev.catalogsync.application.port.out.WorkerQueue;

/**
 * For the one-shot commands, as an override: {@code drain} loops on the reported result in its own thread, so
 * a request for another run goes nowhere, rather than to the service's job queue where a running service
 * would pick it up as well.
 */
public class CommandLineDriverModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(WorkerQueue.class).toInstance(WorkerQueue.NONE);
    }
}
