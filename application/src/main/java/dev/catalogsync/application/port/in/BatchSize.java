package dev.catalogsync.application.port.in;

/** How many pending events one pass takes at most. */
public record BatchSize(int value) {

    /** GitLab's {@code BATCH_SIZE}. */
    public static final BatchSize DEFAULT = new BatchSize(1000);

    public BatchSize {
        if (value < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + value);
        }
    }
}
