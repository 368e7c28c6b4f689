package dev.catalogsync.adapters.postgres;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.contract.CatalogResourceLookupContract;
import dev.catalogsync.application.contract.CatalogWorld;
import dev.catalogsync.application.port.out.CatalogResourceLookup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The lookup behind the after-update callback, on real tables. */
class PostgresCatalogResourceLookupTest extends CatalogResourceLookupContract {

    private static PostgresTestDatabase database;

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void start_every_test_with_empty_tables() {
        database.truncateAll();
    }

    @Override
    protected CatalogWorld world() {
        return database.world();
    }

    @Override
    protected CatalogResourceLookup lookup() {
        return new PostgresCatalogResourceLookup(database.dataSource());
    }
}
