package dev.catalogsync.application.port.in;

/** How many rows one pass takes at most: pending events for the worker, catalog resources for reconcile. */
public record BatchSize(int value) {

    /** GitLab's {@code BATCH_SIZE}. */
    public static final BatchSize DEFAULT = new BatchSize(1000);

    public BatchSize {
        if (value < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + value);
        }
    }
}
