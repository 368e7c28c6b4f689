package dev.catalogsync.domain.partitioning;

import java.time.Instant;
import java.util.Objects;

/** A partition taken out of the queue, kept as a plain table until its retention runs out. */
public record DetachedPartition(long value, Instant detachedAt) {

    public DetachedPartition {
        if (value < 1) {
            throw new IllegalArgumentException("partition values start at 1, was " + value);
        }
        Objects.requireNonNull(detachedAt, "detachedAt");
    }
}
