package dev.catalogsync.domain.partitioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionLayoutTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void keeps_partitions_in_value_order_and_names_the_highest_attached_the_newest() {
        PartitionLayout layout = new PartitionLayout(
                List.of(AttachedPartition.empty(3), AttachedPartition.empty(1)),
                3,
                List.of(new DetachedPartition(2, NOW)));

        assertThat(layout.attached()).extracting(AttachedPartition::value).containsExactly(1L, 3L);
        assertThat(layout.newest()).contains(AttachedPartition.empty(3));
        assertThat(layout.nextValue()).isEqualTo(4);
    }

    @Test
    void a_value_cannot_be_both_attached_and_detached() {
        assertThatThrownBy(() -> new PartitionLayout(
                        List.of(AttachedPartition.empty(1)), 1, List.of(new DetachedPartition(1, NOW))))
                .hasMessageContaining("partition value 1 is listed twice");
    }

    @Test
    void an_empty_partition_has_no_oldest_record() {
        assertThat(AttachedPartition.empty(1).oldestRecordCreatedAt()).isEmpty();
        assertThat(AttachedPartition.empty(1).hasPending()).isFalse();
        assertThat(AttachedPartition.holding(1, true, NOW).oldestRecordCreatedAt())
                .contains(NOW);
        assertThat(AttachedPartition.holding(1, true, NOW))
                .isEqualTo(AttachedPartition.holding(1, true, NOW))
                .isNotEqualTo(AttachedPartition.holding(1, false, NOW));
    }

    @Test
    void partition_values_start_at_one() {
        assertThatThrownBy(() -> AttachedPartition.empty(0)).hasMessageContaining("start at 1");
        assertThatThrownBy(() -> new DetachedPartition(0, NOW)).hasMessageContaining("start at 1");
    }
}
