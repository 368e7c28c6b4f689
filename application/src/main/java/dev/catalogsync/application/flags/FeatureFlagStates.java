package dev.catalogsync.application.flags;

import dev.catalogsync.application.port.out.FeatureFlagStore;

/** Resolves a flag's effective state: the operator's stored override if any, else the shipped default. */
public class FeatureFlagStates {

    private final FeatureFlagStore store;

    public FeatureFlagStates(FeatureFlagStore store) {
        this.store = store;
    }

    public boolean isEnabled(FeatureFlag flag) {
        return store.override(flag.name()).orElse(flag.defaultEnabled());
    }
}
