package dev.catalogsync.application.port.out;

/**
 * What the partition upkeep reports about its rounds, for metrics and logs.
 *
 * <p>Contract: implementations must not throw and must not block for long.
 */
public interface PartitionStatistics {

    PartitionStatistics NOOP = new PartitionStatistics() {};

    /**
     * A round ran: how many partitions it created (and activated), activated alone, detached and dropped, and how
     * many planned steps it skipped for this round.
     */
    default void roundCompleted(int created, int activated, int detached, int dropped, int skipped) {}

    /** Another process's round was running, so this one changed nothing. */
    default void roundSkippedForAnother() {}
}
