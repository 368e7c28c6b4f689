package dev.catalogsync.domain;

import java.util.Objects;

/** A project listed in the CI/CD catalog, with its own copy of the project's mirrored attributes. */
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
