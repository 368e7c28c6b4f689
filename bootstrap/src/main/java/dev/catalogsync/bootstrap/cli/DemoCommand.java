package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.adapters.postgres.DemoCatalog;
import dev.catalogsync.bootstrap.CatalogSyncService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        description = "Demo data for the embedded database, to see the sync work on a fresh machine.",
        subcommands = DemoCommand.Seed.class)
class DemoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: seed");
    }

    @Command(
            name = "seed",
            description = {
                "Creates --projects catalog projects in the embedded database and renames each once, so that the "
                        + "trigger queues one sync event per project. Prints {\"projects\":N,\"queued_events\":Q}.",
                "Refused on a database given by --db-url: it writes to projects."
            })
    static class Seed extends DatabaseCommand {

        static final int MAXIMUM = 10_000_000;

        /** What {@code demo seed} prints. */
        record Output(long projects, long queuedEvents) {}

        @Option(
                names = "--projects",
                paramLabel = "N",
                defaultValue = "1000",
                description = "How many demo projects (1 to 10000000, default: ${DEFAULT-VALUE}).")
        int projects;

        @Override
        void validate() {
            if (projects < 1 || projects > MAXIMUM) {
                throw new ParameterException(
                        spec.commandLine(), "--projects must be between 1 and " + MAXIMUM + ", was " + projects);
            }
            if (database.url().isPresent()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "demo seed writes demo projects, so it only runs on the embedded database (no --db-url)");
            }
        }

        @Override
        int run(CatalogSyncService sync) {
            DemoCatalog.SeedReport report = sync.port(DemoCatalog.class).seed(projects);
            printJson(new Output(report.projects(), report.queuedEvents()));
            return 0;
        }
    }
}
