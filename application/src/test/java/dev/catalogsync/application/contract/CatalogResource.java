package dev.catalogsync.application.contract;

import java.util.Objects;

/**
 * A row of {@code catalog_resources} as a contract test reads it: a project listed in the CI/CD catalog, with its
 * own copy of the project's mirrored attributes. A test fixture, not a domain type: the product copies the three
 * columns in SQL and never holds a resource in memory.
 */
public record CatalogResource(long id, long projectId, MirroredAttributes attributes) {

    public CatalogResource {
        Objects.requireNonNull(attributes, "attributes");
    }

    public boolean mirrors(MirroredAttributes projectAttributes) {
        return attributes.equals(projectAttributes);
    }

    /** This resource with its copy replaced by the project's current attributes. Idempotent. */
    public CatalogResource syncedFrom(MirroredAttributes projectAttributes) {
        return new CatalogResource(id, projectId, projectAttributes);
    }
}
