package dev.catalogsync.application.flags;

import java.util.Objects;

/**
 * A feature flag as it ships with the code: its name, the state it has until someone sets it, and what it
 * does. Global flags only: like GitLab's {@code ci_process_catalog_resource_sync_events}, no actor.
 */
public record FeatureFlag(String name, boolean defaultEnabled, String description) {

    public FeatureFlag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Feature flag names are lower_snake_case, got '" + name + "'");
        }
    }
}
