package dev.catalogsync.bootstrap.cli;

import com.google.inject.AbstractModule;
import java.time.Clock;

/** What the command line itself needs before any database is open: the clock its commands hand the service. */
final class CommandLineModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(Clock.class).toInstance(Clock.systemUTC());
    }
}
