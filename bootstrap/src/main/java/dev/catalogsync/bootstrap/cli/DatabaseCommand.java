package dev.catalogsync.bootstrap.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.catalogsync.bootstrap.wiring.CommandLineDriverModule;
import dev.catalogsync.bootstrap.wiring.CoreModule;
import dev.catalogsync.bootstrap.wiring.PostgresModule;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on the database: opens it, wires the core around it, runs, closes it again. */
abstract class DatabaseCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        validate();
        try (Database opened = Database.open(database, migratesEmbeddedDatabaseFirst())) {
            Injector injector = Guice.createInjector(
                    new PostgresModule(opened.dataSource()),
                    new CommandLineDriverModule(),
                    new CoreModule(Clock.systemUTC()));
            return run(injector, opened);
        }
    }

    /** Checks options before anything is started; throw {@code ParameterException} for bad input. */
    void validate() {
    }

    /** Whether an embedded database is migrated before {@link #run}; only {@code migrate} itself says no. */
    boolean migratesEmbeddedDatabaseFirst() {
        return true;
    }

    abstract int run(Injector injector, Database database);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
