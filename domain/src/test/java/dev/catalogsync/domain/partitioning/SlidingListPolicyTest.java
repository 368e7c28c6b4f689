package dev.catalogsync.domain.partitioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.domain.partitioning.PartitionStep.Activate;
import dev.catalogsync.domain.partitioning.PartitionStep.CreateAndActivate;
import dev.catalogsync.domain.partitioning.PartitionStep.Detach;
import dev.catalogsync.domain.partitioning.PartitionStep.Drop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SlidingListPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final SlidingListPolicy ONE_DAY_KEEP_A_WEEK = new SlidingListPolicy(DAY, Duration.ofDays(7));
    private static final SlidingListPolicy ONE_DAY_DROP_AT_ONCE = new SlidingListPolicy(DAY, Duration.ZERO);

    private static AttachedPartition pendingSince(long value, Duration age) {
        return AttachedPartition.holding(value, true, NOW.minus(age));
    }

    private static AttachedPartition processedSince(long value, Duration age) {
        return AttachedPartition.holding(value, false, NOW.minus(age));
    }

    private static PartitionLayout layout(long defaultValue, AttachedPartition... attached) {
        return new PartitionLayout(List.of(attached), defaultValue, List.of());
    }

    private static List<PartitionStep> steps(SlidingListPolicy policy, PartitionLayout layout) {
        return policy.plan(layout, NOW).steps();
    }

    @Nested
    class Rotation {

        @Test
        void a_fresh_queue_needs_nothing() {
            assertThat(ONE_DAY_KEEP_A_WEEK
                            .plan(layout(1, AttachedPartition.empty(1)), NOW)
                            .isEmpty())
                    .isTrue();
        }

        @Test
        void an_active_partition_younger_than_the_duration_stays_active() {
            assertThat(steps(ONE_DAY_KEEP_A_WEEK, layout(1, pendingSince(1, Duration.ofHours(23)))))
                    .isEmpty();
        }

        @Test
        void an_oldest_record_exactly_as_old_as_the_duration_is_not_older_than_it() {
            assertThat(steps(ONE_DAY_KEEP_A_WEEK, layout(1, pendingSince(1, DAY))))
                    .isEmpty();
        }

        @Test
        void an_oldest_record_older_than_the_duration_creates_and_activates_the_next_partition() {
            assertThat(steps(ONE_DAY_KEEP_A_WEEK, layout(1, pendingSince(1, DAY.plusSeconds(1)))))
                    .containsExactly(new CreateAndActivate(2));
        }

        @Test
        void rotation_depends_on_the_oldest_record_even_when_everything_in_it_is_processed() {
            assertThat(steps(ONE_DAY_KEEP_A_WEEK, layout(1, processedSince(1, Duration.ofDays(3)))))
                    .containsExactly(new CreateAndActivate(2));
        }

        @Test
        void an_empty_active_partition_is_never_rotated_however_long_it_has_existed() {
            assertThat(steps(
                            ONE_DAY_KEEP_A_WEEK,
                            layout(4, processedSince(3, Duration.ofDays(30)), AttachedPartition.empty(4))))
                    .containsExactly(new Detach(3));
        }

        @Test
        void the_next_value_is_above_every_partition_known_attached_or_detached() {
            PartitionLayout layout = new PartitionLayout(
                    List.of(pendingSince(5, Duration.ofDays(2))), 5, List.of(new DetachedPartition(9, NOW)));

            assertThat(steps(ONE_DAY_KEEP_A_WEEK, layout)).containsExactly(new CreateAndActivate(10));
        }

        @Test
        void a_shorter_duration_rotates_sooner() {
            SlidingListPolicy hourly = new SlidingListPolicy(Duration.ofHours(1), Duration.ZERO);

            assertThat(steps(hourly, layout(1, pendingSince(1, Duration.ofMinutes(61)))))
                    .containsExactly(new CreateAndActivate(2));
        }
    }

    @Nested
    class TheColumnDefault {

        @Test
        void a_default_behind_the_newest_partition_is_moved_to_it() {
            assertThat(steps(
                            ONE_DAY_KEEP_A_WEEK,
                            layout(1, pendingSince(1, Duration.ofHours(1)), AttachedPartition.empty(2))))
                    .containsExactly(new Activate(2));
        }

        @Test
        void a_default_naming_no_partition_is_moved_to_the_newest() {
            assertThat(steps(ONE_DAY_KEEP_A_WEEK, layout(7, pendingSince(1, Duration.ofHours(1)))))
                    .containsExactly(new Activate(1));
        }

        @Test
        void the_partition_the_default_names_is_not_detached_even_with_nothing_pending() {
            assertThat(steps(
                            ONE_DAY_KEEP_A_WEEK,
                            layout(1, processedSince(1, Duration.ofHours(1)), AttachedPartition.empty(2))))
                    .containsExactly(new Activate(2));
        }

        @Test
        void with_no_partition_attached_one_is_created_above_every_known_value() {
            PartitionLayout nothingAttached = new PartitionLayout(List.of(), 3, List.of(new DetachedPartition(3, NOW)));

            assertThat(steps(ONE_DAY_KEEP_A_WEEK, nothingAttached)).containsExactly(new CreateAndActivate(4));
            assertThat(steps(ONE_DAY_KEEP_A_WEEK, new PartitionLayout(List.of(), 1, List.of())))
                    .containsExactly(new CreateAndActivate(1));
        }

        @Test
        void a_due_rotation_also_repairs_a_default_left_behind() {
            assertThat(steps(
                            ONE_DAY_KEEP_A_WEEK,
                            layout(1, pendingSince(1, Duration.ofDays(3)), pendingSince(2, Duration.ofDays(2)))))
                    .containsExactly(new CreateAndActivate(3));
        }
    }

    @Nested
    class Detaching {

        @Test
        void a_partition_other_than_the_active_one_with_no_pending_event_is_detached() {
            assertThat(steps(
                            ONE_DAY_KEEP_A_WEEK,
                            layout(2, processedSince(1, Duration.ofDays(2)), pendingSince(2, Duration.ofHours(1)))))
                    .containsExactly(new Detach(1));
        }

        @Test
        void a_partition_with_a_pending_event_is_kept() {
            assertThat(steps(
                            ONE_DAY_KEEP_A_WEEK,
                            layout(2, pendingSince(1, Duration.ofDays(2)), pendingSince(2, Duration.ofHours(1)))))
                    .isEmpty();
        }

        @Test
        void the_active_partition_is_never_detached_even_when_everything_in_it_is_processed() {
            assertThat(steps(ONE_DAY_KEEP_A_WEEK, layout(1, processedSince(1, Duration.ofHours(1)))))
                    .isEmpty();
        }

        @Test
        void an_empty_old_partition_is_detached_too() {
            assertThat(steps(ONE_DAY_KEEP_A_WEEK, layout(2, AttachedPartition.empty(1), AttachedPartition.empty(2))))
                    .containsExactly(new Detach(1));
        }

        @Test
        void every_old_partition_without_pending_events_is_detached_not_only_a_prefix() {
            PartitionLayout layout = layout(
                    4,
                    processedSince(1, Duration.ofDays(4)),
                    pendingSince(2, Duration.ofDays(3)),
                    processedSince(3, Duration.ofDays(2)),
                    pendingSince(4, Duration.ofHours(2)));

            assertThat(steps(ONE_DAY_KEEP_A_WEEK, layout)).containsExactly(new Detach(1), new Detach(3));
        }

        @Test
        void the_partition_active_before_a_rotation_is_kept_in_that_round() {
            assertThat(steps(ONE_DAY_KEEP_A_WEEK, layout(1, processedSince(1, Duration.ofDays(2)))))
                    .containsExactly(new CreateAndActivate(2));
        }

        @Test
        void with_zero_retention_a_detached_partition_is_dropped_in_the_same_round() {
            assertThat(steps(
                            ONE_DAY_DROP_AT_ONCE,
                            layout(2, processedSince(1, Duration.ofDays(2)), pendingSince(2, Duration.ofHours(1)))))
                    .containsExactly(new Detach(1), new Drop(1));
        }
    }

    @Nested
    class Dropping {

        private PartitionLayout detachedAgo(Duration... ages) {
            List<DetachedPartition> detached = new java.util.ArrayList<>();
            for (int i = 0; i < ages.length; i++) {
                detached.add(new DetachedPartition(i + 1, NOW.minus(ages[i])));
            }
            return new PartitionLayout(List.of(AttachedPartition.empty(10)), 10, detached);
        }

        @Test
        void a_detached_partition_is_kept_while_its_retention_runs() {
            assertThat(steps(ONE_DAY_KEEP_A_WEEK, detachedAgo(Duration.ofDays(6))))
                    .isEmpty();
        }

        @Test
        void a_detached_partition_is_dropped_once_its_retention_has_passed() {
            assertThat(steps(
                            ONE_DAY_KEEP_A_WEEK,
                            detachedAgo(Duration.ofDays(7), Duration.ofDays(8), Duration.ofDays(1))))
                    .containsExactly(new Drop(1), new Drop(2));
        }

        @Test
        void zero_retention_drops_every_detached_partition() {
            assertThat(steps(ONE_DAY_DROP_AT_ONCE, detachedAgo(Duration.ZERO, Duration.ofDays(1))))
                    .containsExactly(new Drop(1), new Drop(2));
        }
    }

    @Test
    void gitlabs_strategy_example_round_by_round() {
        Instant start = NOW;
        PartitionLayout oneEvent = layout(1, AttachedPartition.holding(1, true, start));
        assertThat(ONE_DAY_DROP_AT_ONCE.plan(oneEvent, start).steps()).isEmpty();

        Instant aDayLater = start.plus(DAY).plusSeconds(1);
        assertThat(ONE_DAY_DROP_AT_ONCE.plan(oneEvent, aDayLater).steps()).containsExactly(new CreateAndActivate(2));

        PartitionLayout newEventInTwo =
                layout(2, AttachedPartition.holding(1, true, start), AttachedPartition.holding(2, true, aDayLater));
        assertThat(ONE_DAY_DROP_AT_ONCE.plan(newEventInTwo, aDayLater).steps()).isEmpty();

        PartitionLayout oneProcessed =
                layout(2, AttachedPartition.holding(1, false, start), AttachedPartition.holding(2, true, aDayLater));
        assertThat(ONE_DAY_DROP_AT_ONCE.plan(oneProcessed, aDayLater).steps())
                .containsExactly(new Detach(1), new Drop(1));
    }

    @Test
    void the_duration_must_be_positive_and_the_retention_not_negative() {
        assertThatThrownBy(() -> new SlidingListPolicy(Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> new SlidingListPolicy(DAY, Duration.ofSeconds(-1)))
                .hasMessageContaining("retention");
        assertThat(SlidingListPolicy.DEFAULT).isEqualTo(new SlidingListPolicy(DAY, Duration.ofDays(7)));
    }
}
