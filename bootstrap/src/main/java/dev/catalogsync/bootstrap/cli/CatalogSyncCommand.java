package dev.catalogsync.bootstrap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(
        name = "catalog-sync",
        // INHERIT: every subcommand gets --help (and the exit codes), as its error messages promise.
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        version = "catalog-sync 0.1.0",
        description = {
            "Keeps catalog_resources in sync with projects: a trigger on projects queues a sync event when a "
                    + "project's name, description or visibility_level changes; the worker copies them over in "
                    + "batches, under an exclusive lease, while the feature flag "
                    + "ci_process_catalog_resource_sync_events is enabled.",
            "",
            "Database: --db-url, --db-user, --db-password or CATALOG_SYNC_DB_URL, CATALOG_SYNC_DB_USER, "
                    + "CATALOG_SYNC_DB_PASSWORD. Without a URL the embedded PostgreSQL in --data-dir is used (kept "
                    + "across runs, migrated automatically, shared with a running 'run'); see docs/installing.md.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (also when the flag is off and nothing was processed)",
            "1:failed: the database refused the password, is unknown or unreachable, has no schema, or anything "
                    + "else; the one-line message says why (--verbose shows the stack trace)",
            "2:bad input, refused before any database is opened: unknown command, option or flag name, a value out "
                    + "of range (--batch-size 1 to 100000, durations up to 36500d), a cron that never fires, a "
                    + "--db-url that is not a PostgreSQL JDBC URL, run beyond the loopback without an HTTP token"
        },
        subcommands = {
            MigrateCommand.class,
            FeatureCommand.class,
            ProcessCommand.class,
            DrainCommand.class,
            StatusCommand.class,
            RunCommand.class,
            PartitionsCommand.class,
            ReconcileCommand.class,
            DemoCommand.class,
            BenchCommand.class
        })
public class CatalogSyncCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show the stack trace of a failure.")
    boolean verbose;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "Missing command: migrate, feature, process, drain, status, run, partitions, reconcile, demo or bench");
    }
}
