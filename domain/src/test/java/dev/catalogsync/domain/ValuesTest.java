package dev.catalogsync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void statuses_are_pending_one_and_processed_two() {
        assertThat(SyncEventStatus.fromCode(1)).isEqualTo(SyncEventStatus.PENDING);
        assertThat(SyncEventStatus.fromCode(2)).isEqualTo(SyncEventStatus.PROCESSED);
        assertThatThrownBy(() -> SyncEventStatus.fromCode(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_event_marked_processed_keeps_everything_else() {
        SyncEvent event = new SyncEvent(7, 3, 4, 1, SyncEventStatus.PENDING, NOW);

        assertThat(event.processed()).isEqualTo(new SyncEvent(7, 3, 4, 1, SyncEventStatus.PROCESSED, NOW));
        assertThat(event.processed().isPending()).isFalse();
    }

    @Test
    void an_event_belongs_to_a_partition_from_one_up() {
        assertThatThrownBy(() -> new SyncEvent(1, 1, 1, 0, SyncEventStatus.PENDING, NOW))
                .hasMessageContaining("partitionId");
    }

    @Test
    void the_estimated_total_counts_the_whole_id_range() {
        assertThat(new PendingRange(5, 5).estimatedTotal()).isEqualTo(1);
        assertThat(new PendingRange(10, 19).estimatedTotal()).isEqualTo(10);
        assertThatThrownBy(() -> new PendingRange(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
