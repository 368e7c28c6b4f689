package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.out.CatalogResourceLookup;
import org.junit.jupiter.api.Test;

/** What every {@link CatalogResourceLookup} must do. Subclasses provide a fresh, empty world for each test. */
public abstract class CatalogResourceLookupContract {

    protected abstract CatalogWorld world();

    protected abstract CatalogResourceLookup lookup();

    private static final MirroredAttributes ATTRIBUTES = new MirroredAttributes("p", null, VisibilityLevel.PUBLIC);

    @Test
    void a_project_listed_in_the_catalog_is_a_catalog_resource() {
        long project = world().createProject(ATTRIBUTES);
        world().createCatalogResource(project);

        assertThat(lookup().isCatalogResource(project)).isTrue();
    }

    @Test
    void a_project_not_listed_is_not() {
        long listed = world().createProject(ATTRIBUTES);
        world().createCatalogResource(listed);
        long unlisted = world().createProject(ATTRIBUTES);

        assertThat(lookup().isCatalogResource(unlisted)).isFalse();
    }

    @Test
    void a_project_whose_catalog_resource_was_deleted_is_not() {
        long project = world().createProject(ATTRIBUTES);
        world().deleteCatalogResource(world().createCatalogResource(project));

        assertThat(lookup().isCatalogResource(project)).isFalse();
    }

    @Test
    void a_project_that_does_not_exist_is_not() {
        assertThat(lookup().isCatalogResource(987_654_321L)).isFalse();
    }
}
