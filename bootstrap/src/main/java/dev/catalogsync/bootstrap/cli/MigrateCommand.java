package dev.catalogsync.bootstrap.cli;

import com.google.inject.Injector;
import dev.catalogsync.adapters.postgres.SchemaMigrator;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "migrate",
        description = "Creates or upgrades the schema (tables, queue partitions, trigger). Running it again is harmless.")
class MigrateCommand extends DatabaseCommand {

    @Override
    boolean migratesEmbeddedDatabaseFirst() {
        return false;
    }

    @Override
    int run(Injector injector, Database database) {
        SchemaMigrator.MigrationReport report = new SchemaMigrator(database.dataSource()).migrate();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("applied_migrations", report.appliedMigrations());
        json.put("schema_version", report.schemaVersion());
        out().println(Json.write(json));
        return 0;
    }
}
