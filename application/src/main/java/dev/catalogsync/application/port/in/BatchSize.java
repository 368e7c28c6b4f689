package dev.catalogsync.application.port.in;

/**
 * How many rows one pass takes at most: pending events for the worker, catalog resources for reconcile. From 1 to
 * {@value #MAXIMUM}: a batch is held in memory and synced in one statement, so its size bounds both.
 */
public record BatchSize(int value) {

    /** GitLab's {@code BATCH_SIZE}. */
    public static final BatchSize DEFAULT = new BatchSize(1000);

    /**
     * A hundred times GitLab's: a few megabytes of event ids, and statements that finish well within their timeout.
     * Larger batches gain nothing; they only make one statement hold its locks longer.
     */
    public static final int MAXIMUM = 100_000;

    public BatchSize {
        if (value < 1 || value > MAXIMUM) {
            throw new IllegalArgumentException("batch size must be between 1 and " + MAXIMUM + ", was " + value);
        }
    }
}
