package dev.catalogsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MirroredAttributeTest {

    @Test
    void each_of_the_three_mirrored_columns_matters() {
        assertThat(MirroredAttribute.anyMirrored(List.of("name"))).isTrue();
        assertThat(MirroredAttribute.anyMirrored(List.of("description"))).isTrue();
        assertThat(MirroredAttribute.anyMirrored(List.of("visibility_level"))).isTrue();
    }

    @Test
    void other_columns_do_not_matter() {
        assertThat(MirroredAttribute.anyMirrored(List.of("updated_at", "path", "star_count")))
                .isFalse();
        assertThat(MirroredAttribute.anyMirrored(List.of())).isFalse();
    }

    @Test
    void one_mirrored_column_among_others_is_enough() {
        assertThat(MirroredAttribute.anyMirrored(List.of("updated_at", "description")))
                .isTrue();
    }

    @Test
    void columns_are_matched_exactly() {
        assertThat(MirroredAttribute.fromColumn("Name")).isEmpty();
        assertThat(MirroredAttribute.fromColumn("visibility_level")).contains(MirroredAttribute.VISIBILITY_LEVEL);
    }
}
