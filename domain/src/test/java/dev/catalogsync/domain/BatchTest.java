package dev.catalogsync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchTest {

    private static SyncEvent event(long id, long resource, long partition) {
        return new SyncEvent(id, resource, 100 + resource, partition, SyncEventStatus.PENDING, Instant.EPOCH);
    }

    @Test
    void a_resource_with_many_events_is_synced_once() {
        SyncBatch batch = new SyncBatch(List.of(event(1, 5, 1), event(2, 6, 1), event(3, 5, 1)));

        assertThat(batch.catalogResourceIds()).containsExactly(5L, 6L);
        assertThat(batch.size()).isEqualTo(3);
    }

    @Test
    void event_ids_are_grouped_by_partition_so_each_update_touches_one() {
        SyncBatch batch = new SyncBatch(List.of(event(1, 5, 1), event(2, 6, 2), event(3, 7, 1)));

        assertThat(batch.eventIdsByPartition()).isEqualTo(Map.of(1L, List.of(1L, 3L), 2L, List.of(2L)));
    }

    @Test
    void a_result_without_consumable_events_has_no_processed_figure() {
        assertThat(BatchResult.nothingConsumable(0).processedEvents()).isEmpty();
        assertThat(new BatchResult(5, 3, 3).processedEvents()).hasValue(3);
    }

    @Test
    void a_result_cannot_process_more_than_it_consumed() {
        assertThatThrownBy(() -> new BatchResult(5, 2, 3)).hasMessageContaining("processed 3 events of only 2");
        assertThatThrownBy(() -> new BatchResult(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
