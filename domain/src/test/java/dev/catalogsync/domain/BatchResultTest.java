package dev.catalogsync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BatchResultTest {

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
