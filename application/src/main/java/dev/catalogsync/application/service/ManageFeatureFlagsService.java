package dev.catalogsync.application.service;

import dev.catalogsync.application.flags.FeatureFlag;
import dev.catalogsync.application.flags.FeatureFlagDefinitions;
import dev.catalogsync.application.flags.UnknownFeatureFlagException;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.out.FeatureFlagStore;
import java.util.List;
import java.util.Map;

/** Flag administration over the store, refusing names that no definition carries. */
public class ManageFeatureFlagsService implements ManageFeatureFlags {

    private final FeatureFlagStore store;

    public ManageFeatureFlagsService(FeatureFlagStore store) {
        this.store = store;
    }

    @Override
    public List<FlagState> list() {
        Map<String, Boolean> overrides = store.overrides();
        return FeatureFlagDefinitions.all().stream()
                .map(flag -> stateOf(flag, overrides.get(flag.name())))
                .toList();
    }

    @Override
    public FlagState get(String name) {
        FeatureFlag flag = definitionOf(name);
        return stateOf(flag, store.override(name).orElse(null));
    }

    @Override
    public FlagState set(String name, boolean enabled) {
        FeatureFlag flag = definitionOf(name);
        store.setOverride(name, enabled);
        return stateOf(flag, enabled);
    }

    @Override
    public FlagState delete(String name) {
        FeatureFlag flag = definitionOf(name);
        store.deleteOverride(name);
        return stateOf(flag, null);
    }

    private static FeatureFlag definitionOf(String name) {
        return FeatureFlagDefinitions.find(name).orElseThrow(() -> new UnknownFeatureFlagException(name));
    }

    private static FlagState stateOf(FeatureFlag flag, Boolean override) {
        return override == null
                ? new FlagState(flag, flag.defaultEnabled(), false)
                : new FlagState(flag, override, true);
    }
}
