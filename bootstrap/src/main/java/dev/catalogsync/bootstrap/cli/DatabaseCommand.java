package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.bootstrap.CatalogSyncService;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A one-shot command that works on the database: opens it, asks the service for what it needs, closes it. */
abstract class DatabaseCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Inject
    ServiceSessions sessions;

    @Override
    public final Integer call() {
        database.validate(spec.commandLine());
        validate();
        try (ServiceSessions.Session session = sessions.forCommand(database, migratesEmbeddedDatabaseFirst())) {
            return run(session.service());
        }
    }

    /** Checks what the options cannot check alone, before anything is started; throw {@code ParameterException}. */
    void validate() {}

    /** Whether an embedded database is migrated before {@link #run}; only {@code migrate} itself says no. */
    boolean migratesEmbeddedDatabaseFirst() {
        return true;
    }

    abstract int run(CatalogSyncService sync);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints one JSON object on standard output. */
    void printJson(Object value) {
        out().println(JsonOutput.write(value));
    }
}
