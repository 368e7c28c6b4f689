package dev.catalogsync.application.flags;

import dev.catalogsync.application.CatalogSyncException;
import java.util.stream.Collectors;

/** A flag name that no definition in this version carries. */
public class UnknownFeatureFlagException extends CatalogSyncException {

    public UnknownFeatureFlagException(String name) {
        super("Unknown feature flag '" + name + "'; known flags: "
                + FeatureFlagDefinitions.all().stream().map(FeatureFlag::name).collect(Collectors.joining(", ")));
    }
}
