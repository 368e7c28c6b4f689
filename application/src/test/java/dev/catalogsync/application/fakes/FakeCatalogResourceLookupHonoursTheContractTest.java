package dev.catalogsync.application.fakes;

import dev.catalogsync.application.contract.CatalogResourceLookupContract;
import dev.catalogsync.application.contract.CatalogWorld;
import dev.catalogsync.application.port.out.CatalogResourceLookup;

class FakeCatalogResourceLookupHonoursTheContractTest extends CatalogResourceLookupContract {

    private final InMemoryCatalog catalog = new InMemoryCatalog(new SettableClock());

    @Override
    protected CatalogWorld world() {
        return catalog;
    }

    @Override
    protected CatalogResourceLookup lookup() {
        return catalog;
    }
}
