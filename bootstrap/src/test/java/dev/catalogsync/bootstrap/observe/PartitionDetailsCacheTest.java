package dev.catalogsync.bootstrap.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.port.in.ListQueuePartitions;
import dev.catalogsync.application.port.in.ListQueuePartitions.PartitionFigures;
import dev.catalogsync.application.port.in.ListQueuePartitions.PartitionOverview;
import dev.catalogsync.domain.partitioning.AttachedPartition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PartitionDetailsCacheTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final AtomicInteger reads = new AtomicInteger();
    private volatile RuntimeException failure;
    private final ListQueuePartitions partitions = () -> {
        if (failure != null) {
            throw failure;
        }
        long pending = reads.incrementAndGet();
        return new PartitionOverview(
                1,
                List.of(new PartitionFigures(
                        AttachedPartition.holding(1, true, Instant.parse("2026-03-01T09:00:00Z")), true, pending, 7)),
                List.of());
    };
    private final PartitionDetailsCache cache = new PartitionDetailsCache(partitions, clock);

    @Test
    void the_counts_are_read_once_per_time_to_live_whoever_asks() {
        StatusDocument.PartitionDetails first = cache.get();
        clock.advance(PartitionDetailsCache.TIME_TO_LIVE.minusSeconds(1));
        StatusDocument.PartitionDetails cached = cache.get();
        clock.advance(Duration.ofSeconds(1));
        StatusDocument.PartitionDetails fresh = cache.get();

        assertThat(cached).isSameAs(first);
        assertThat(fresh.attached().get(0).pendingEvents()).isEqualTo(2);
        assertThat(fresh.readAt()).isEqualTo("2026-03-01T10:00:30Z");
        assertThat(first.attached().get(0))
                .isEqualTo(new StatusDocument.AttachedView(1, "active", 1, 7, "2026-03-01T09:00:00Z"));
        assertThat(reads).hasValue(2);
    }

    @Test
    void after_an_invalidation_the_next_ask_reads_again() {
        cache.get();
        cache.invalidate();

        assertThat(cache.get().attached().get(0).pendingEvents()).isEqualTo(2);
    }

    @Test
    void a_failed_read_is_not_remembered() {
        failure = new IllegalStateException("the database does not answer");
        assertThatThrownBy(cache::get).isSameAs(failure);

        failure = null;
        assertThat(cache.get().attached()).hasSize(1);
    }
}
