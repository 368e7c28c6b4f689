package dev.catalogsync.application.port.out;

import java.util.Map;
import java.util.Optional;

/**
 * Where flag states set by operators are kept. It stores overrides only: a flag without one has the default
 * of its definition. It knows nothing of which names are valid; the core checks that before calling it.
 *
 * <p>Contract: each method is one atomic read or write that commits on return; failures to reach the store
 * surface as unchecked exceptions, with nothing changed.
 */
public interface FeatureFlagStore {

    /** Every stored override, by flag name. */
    Map<String, Boolean> overrides();

    /** The stored override of one flag, or empty when it has none. */
    Optional<Boolean> override(String name);

    /** Stores an override, replacing any earlier one. Atomic and idempotent. */
    void setOverride(String name, boolean enabled);

    /** Removes an override. @return whether there was one */
    boolean deleteOverride(String name);
}
