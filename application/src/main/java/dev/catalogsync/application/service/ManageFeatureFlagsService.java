package dev.catalogsync.application.service;

import dev.catalogsync.application.flags.FeatureFlag;
import dev.catalogsync.application.flags.FeatureFlagDefinitions;
import dev.catalogsync.application.flags.UnknownFeatureFlagException;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.FeatureFlagAudit;
import dev.catalogsync.application.port.out.FeatureFlagStore;
import dev.catalogsync.application.port.out.FlagChange;
import dev.catalogsync.application.port.out.FlagChange.StoredState;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flag administration over the store, refusing names that no definition carries, and recording every change in
 * the audit: the state before (read just before the write: two operators changing one flag at the same instant may
 * each record the other's value as theirs before), the state after, who and from where.
 */
public class ManageFeatureFlagsService implements ManageFeatureFlags {

    private final FeatureFlagStore store;
    private final FeatureFlagAudit audit;
    private final Clock clock;

    public ManageFeatureFlagsService(FeatureFlagStore store, FeatureFlagAudit audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<FlagState> list() {
        Map<String, Boolean> overrides = store.overrides();
        return FeatureFlagDefinitions.all().stream()
                .map(flag -> stateOf(flag, Optional.ofNullable(overrides.get(flag.name()))))
                .toList();
    }

    @Override
    public FlagState get(String name) {
        FeatureFlag flag = definitionOf(name);
        return stateOf(flag, store.override(name));
    }

    @Override
    public FlagState set(String name, boolean enabled, ChangedBy changedBy) {
        FeatureFlag flag = definitionOf(name);
        StoredState before = StoredState.of(store.override(name));
        store.setOverride(name, enabled);
        audit.record(new FlagChange(name, before, StoredState.of(enabled), changedBy, clock.instant()));
        return stateOf(flag, Optional.of(enabled));
    }

    @Override
    public FlagState delete(String name, ChangedBy changedBy) {
        FeatureFlag flag = definitionOf(name);
        StoredState before = StoredState.of(store.override(name));
        store.deleteOverride(name);
        audit.record(new FlagChange(name, before, StoredState.DEFAULT, changedBy, clock.instant()));
        return stateOf(flag, Optional.empty());
    }

    @Override
    public List<FlagChange> history(String name, int limit) {
        definitionOf(name);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
        }
        return audit.history(name, limit);
    }

    private static FeatureFlag definitionOf(String name) {
        return FeatureFlagDefinitions.find(name).orElseThrow(() -> new UnknownFeatureFlagException(name));
    }

    private static FlagState stateOf(FeatureFlag flag, Optional<Boolean> override) {
        return override.map(enabled -> new FlagState(flag, enabled, true))
                .orElseGet(() -> new FlagState(flag, flag.defaultEnabled(), false));
    }
}
