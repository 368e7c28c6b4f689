package dev.catalogsync.application.flags;

import java.util.List;
import java.util.Optional;

/** The flags this version knows. A name not listed here is refused everywhere. */
public final class FeatureFlagDefinitions {

    /** Gates the sync worker's perform and two of its three enqueue paths. Shipped disabled, as in GitLab. */
    public static final FeatureFlag PROCESS_CATALOG_RESOURCE_SYNC_EVENTS = new FeatureFlag(
            "ci_process_catalog_resource_sync_events",
            false,
            "Lets the sync worker copy projects' name, description and visibility_level into catalog_resources; "
                    + "when off, events keep queuing and nothing is lost.");

    private static final List<FeatureFlag> ALL = List.of(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS);

    private FeatureFlagDefinitions() {}

    public static List<FeatureFlag> all() {
        return ALL;
    }

    public static Optional<FeatureFlag> find(String name) {
        return ALL.stream().filter(flag -> flag.name().equals(name)).findFirst();
    }
}
