package dev.catalogsync.application.port.in;

import dev.catalogsync.application.flags.FeatureFlag;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.FlagChange;
import java.util.List;

/**
 * The operator's view of feature flags: the rollout ({@code set NAME true}), the rollback
 * ({@code set NAME false}), the clean-up ({@code delete NAME}, back to the shipped default), and the record of who
 * did each ({@code history NAME}).
 *
 * <p>Contract: every method refuses a name that no definition carries with
 * {@link dev.catalogsync.application.flags.UnknownFeatureFlagException}, before touching the store. {@code set}
 * and {@code delete} are each one atomic write of the flag and idempotent; a change is seen by other processes
 * within their flag cache's time to live. Each is then recorded in the audit with its actor and origin (a second
 * write: a failure between the two leaves the change made and unrecorded, and surfaces as the exception). Failures
 * of the store surface as unchecked exceptions.
 */
public interface ManageFeatureFlags {

    List<FlagState> list();

    FlagState get(String name);

    /** Sets the flag for every instance and records who did, from where. */
    FlagState set(String name, boolean enabled, ChangedBy changedBy);

    /** {@link #set(String, boolean, ChangedBy)} by a host that names no actor ({@link ChangedBy#UNNAMED_HOST}). */
    default FlagState set(String name, boolean enabled) {
        return set(name, enabled, ChangedBy.UNNAMED_HOST);
    }

    /** Removes the stored state; the flag returns to its default. @return the state after deletion */
    FlagState delete(String name, ChangedBy changedBy);

    /** {@link #delete(String, ChangedBy)} by a host that names no actor. */
    default FlagState delete(String name) {
        return delete(name, ChangedBy.UNNAMED_HOST);
    }

    /**
     * The recorded changes of one flag, newest first.
     *
     * @param limit at most this many, 1 or more
     */
    List<FlagChange> history(String name, int limit);

    /** A flag and its effective state; {@code overridden} says whether an operator set it. */
    record FlagState(FeatureFlag flag, boolean enabled, boolean overridden) {}
}
