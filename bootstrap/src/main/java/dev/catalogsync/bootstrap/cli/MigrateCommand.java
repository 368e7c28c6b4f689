package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.adapters.postgres.SchemaMigrator;
import dev.catalogsync.adapters.postgres.SchemaMigrator.MigrationPlan;
import dev.catalogsync.adapters.postgres.SchemaMigrator.MigrationReport;
import dev.catalogsync.bootstrap.CatalogSyncService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "migrate",
        description = {
            "Creates or upgrades catalog-sync's schema (its tables, the queue's partitions, the trigger on "
                    + "projects). Running it again is harmless.",
            "On a host application's database it leaves the host's tables as they are: projects and "
                    + "catalog_resources are created only where absent (where present, they must have id, name, "
                    + "description and visibility_level, checked before anything changes); our other tables carry "
                    + "the catalog_sync_ prefix, and our history is " + SchemaMigrator.HISTORY_TABLE + ".",
            "Prints {\"applied_migrations\":N,\"schema_version\":\"V\"}; with --dry-run, what it would do."
        })
class MigrateCommand extends DatabaseCommand {

    /** What {@code migrate} prints. */
    record Output(int appliedMigrations, String schemaVersion) {}

    /** What {@code migrate --dry-run} prints. */
    record PlanOutput(boolean dryRun, String upgrade, List<String> pendingMigrations, List<String> hostTablesKept) {}

    @Option(
            names = {"--dry-run", "--plan"},
            description = "Print what would be done and change nothing.")
    boolean dryRun;

    @Override
    boolean migratesEmbeddedDatabaseFirst() {
        return false;
    }

    @Override
    int run(CatalogSyncService sync) {
        if (dryRun) {
            MigrationPlan plan = sync.planMigration();
            printJson(new PlanOutput(true, plan.upgrade().orElse(null), plan.pending(), plan.hostTablesKept()));
            return 0;
        }
        MigrationReport report = sync.migrate();
        printJson(new Output(report.appliedMigrations(), report.schemaVersion()));
        return 0;
    }
}
