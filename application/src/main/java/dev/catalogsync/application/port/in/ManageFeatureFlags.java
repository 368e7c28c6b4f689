package dev.catalogsync.application.port.in;

import dev.catalogsync.application.flags.FeatureFlag;
import java.util.List;

/**
 * The operator's view of feature flags: the rollout ({@code set NAME true}), the rollback
 * ({@code set NAME false}) and the clean-up ({@code delete NAME}, back to the shipped default).
 *
 * <p>Contract: every method refuses a name that no definition carries with
 * {@link dev.catalogsync.application.flags.UnknownFeatureFlagException}, before touching the store. {@code set}
 * and {@code delete} are each one atomic write and idempotent; a change is seen by other processes within their
 * flag cache's time to live. Failures of the store surface as unchecked exceptions.
 */
public interface ManageFeatureFlags {

    List<FlagState> list();

    FlagState get(String name);

    FlagState set(String name, boolean enabled);

    /** Removes the stored state; the flag returns to its default. @return the state after deletion */
    FlagState delete(String name);

    /** A flag and its effective state; {@code overridden} says whether an operator set it. */
    record FlagState(FeatureFlag flag, boolean enabled, boolean overridden) {}
}
