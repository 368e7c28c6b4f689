package dev.catalogsync.bootstrap.observe;

import dev.catalogsync.application.port.in.ListQueuePartitions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The partitions in detail, read at most once per {@link #TIME_TO_LIVE} whoever asks: {@link ListQueuePartitions}
 * counts every event of the queue, fine for an operator now and then, too much for every console open refreshing
 * every few seconds. A failed read is not cached.
 */
public final class PartitionDetailsCache {

    public static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);

    private final ListQueuePartitions partitions;
    private final Clock clock;
    private StatusDocument.PartitionDetails cached;
    private Instant readAt;

    public PartitionDetailsCache(ListQueuePartitions partitions, Clock clock) {
        this.partitions = Objects.requireNonNull(partitions, "partitions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public synchronized StatusDocument.PartitionDetails get() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(readAt.plus(TIME_TO_LIVE))) {
            cached = StatusDocument.PartitionDetails.of(partitions.overview(), now);
            readAt = now;
        }
        return cached;
    }

    /** The next {@link #get()} reads again: after an operation that changed the partitions. */
    public synchronized void invalidate() {
        cached = null;
    }
}
