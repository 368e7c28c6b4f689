package dev.catalogsync.application.fakes;

import dev.catalogsync.application.port.out.FeatureFlagStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public class InMemoryFeatureFlagStore implements FeatureFlagStore {

    private final Map<String, Boolean> overrides = new ConcurrentHashMap<>();

    @Override
    public Map<String, Boolean> overrides() {
        return Map.copyOf(overrides);
    }

    @Override
    public Optional<Boolean> override(String name) {
        return Optional.ofNullable(overrides.get(name));
    }

    @Override
    public void setOverride(String name, boolean enabled) {
        overrides.put(name, enabled);
    }

    @Override
    public boolean deleteOverride(String name) {
        return overrides.remove(name) != null;
    }
}
