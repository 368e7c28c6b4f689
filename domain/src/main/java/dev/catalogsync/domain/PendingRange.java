package dev.catalogsync.domain;

/**
 * The lowest and highest id among pending events. Its size is GitLab's {@code estimated_total_events}: an
 * upper bound on the backlog that costs two index probes instead of a count.
 */
public record PendingRange(long minId, long maxId) {

    public PendingRange {
        if (maxId < minId) {
            throw new IllegalArgumentException("maxId " + maxId + " is below minId " + minId);
        }
    }

    public long estimatedTotal() {
        return maxId - minId + 1;
    }
}
