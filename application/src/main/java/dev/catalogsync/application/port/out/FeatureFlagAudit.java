package dev.catalogsync.application.port.out;

import java.util.List;

/**
 * The record of who changed which flag, when, from where: the rollout's paper trail.
 *
 * <p>Contract: {@link #record} is one atomic write that commits on return; records are never changed or removed by
 * the service. {@link #history} reads one bounded query, newest first (by time, then by order of recording).
 * Failures to reach the store surface as unchecked exceptions, with nothing recorded.
 */
public interface FeatureFlagAudit {

    /** Keeps one change. */
    void record(FlagChange change);

    /**
     * The changes of one flag, newest first.
     *
     * @param limit at most this many, 1 or more
     */
    List<FlagChange> history(String flagName, int limit);
}
