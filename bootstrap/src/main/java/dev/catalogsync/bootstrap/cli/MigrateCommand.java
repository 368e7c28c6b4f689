package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.adapters.postgres.SchemaMigrator.MigrationReport;
import dev.catalogsync.bootstrap.CatalogSyncService;
import picocli.CommandLine.Command;

@Command(
        name = "migrate",
        description =
                "Creates or upgrades the schema (tables, queue partitions, trigger). Running it again is harmless.")
class MigrateCommand extends DatabaseCommand {

    /** What {@code migrate} prints. */
    record Output(int appliedMigrations, String schemaVersion) {}

    @Override
    boolean migratesEmbeddedDatabaseFirst() {
        return false;
    }

    @Override
    int run(CatalogSyncService sync) {
        MigrationReport report = sync.migrate();
        printJson(new Output(report.appliedMigrations(), report.schemaVersion()));
        return 0;
    }
}
