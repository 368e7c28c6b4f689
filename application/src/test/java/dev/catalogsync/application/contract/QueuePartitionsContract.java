package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.out.PartitionChange;
import dev.catalogsync.application.port.out.QueuePartitions;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.domain.SyncEvent;
import dev.catalogsync.domain.partitioning.AttachedPartition;
import dev.catalogsync.domain.partitioning.DetachedPartition;
import dev.catalogsync.domain.partitioning.PartitionLayout;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link QueuePartitions} must do. Subclasses provide, for each test, a fresh queue as migrated:
 * partition 1 attached, the column default 1, nothing detached, no events.
 */
public abstract class QueuePartitionsContract {

    private static final Instant DETACHED_AT = Instant.parse("2026-02-01T10:00:00Z");
    private static final PartitionChange DONE = new PartitionChange.Done();

    protected abstract CatalogWorld world();

    protected abstract QueuePartitions partitions();

    protected abstract SyncEventQueue queue();

    private int renames;

    /** One pending event, queued the way the trigger queues it. @return it */
    private SyncEvent queueEvent() {
        long project = world().createProject(new MirroredAttributes("project", null, VisibilityLevel.PUBLIC));
        world().createCatalogResource(project);
        world().updateProject(project, new MirroredAttributes("renamed " + ++renames, null, VisibilityLevel.PUBLIC));
        List<SyncEvent> events = world().events();
        return events.get(events.size() - 1);
    }

    private void markProcessed(SyncEvent event) {
        world().markProcessed(event);
    }

    @Test
    void a_fresh_queue_has_partition_1_attached_empty_and_active() {
        assertThat(partitions().layout())
                .isEqualTo(new PartitionLayout(List.of(AttachedPartition.empty(1)), 1, List.of()));
    }

    @Test
    void the_layout_reports_pending_events_and_the_creation_of_the_lowest_id() {
        SyncEvent first = queueEvent();
        queueEvent();

        assertThat(partitions().layout().attached())
                .containsExactly(AttachedPartition.holding(1, true, first.createdAt()));

        world().events().forEach(this::markProcessed);
        assertThat(partitions().layout().attached())
                .containsExactly(AttachedPartition.holding(1, false, first.createdAt()));
    }

    @Test
    void creating_the_next_partition_makes_new_events_land_in_it() {
        SyncEvent before = queueEvent();

        assertThat(partitions().createAndActivate(2)).isEqualTo(DONE);
        SyncEvent after = queueEvent();

        assertThat(before.partitionId()).isEqualTo(1);
        assertThat(after.partitionId()).isEqualTo(2);
        PartitionLayout layout = partitions().layout();
        assertThat(layout.defaultValue()).isEqualTo(2);
        assertThat(layout.attached()).extracting(AttachedPartition::value).containsExactly(1L, 2L);
    }

    @Test
    void creating_a_partition_that_exists_is_refused_and_changes_nothing() {
        PartitionChange change = partitions().createAndActivate(1);

        assertThat(change).isInstanceOf(PartitionChange.Refused.class);
        assertThat(partitions().layout())
                .isEqualTo(new PartitionLayout(List.of(AttachedPartition.empty(1)), 1, List.of()));
    }

    @Test
    void activating_moves_the_default_to_an_attached_partition_only() {
        partitions().createAndActivate(2);

        assertThat(partitions().activate(1)).isEqualTo(DONE);
        assertThat(queueEvent().partitionId()).isEqualTo(1);

        assertThat(partitions().activate(3)).isInstanceOf(PartitionChange.Refused.class);
        assertThat(partitions().layout().defaultValue()).isEqualTo(1);
        assertThat(queueEvent().partitionId()).isEqualTo(1);
    }

    @Test
    void detaching_a_partition_with_pending_events_is_refused() {
        queueEvent();
        partitions().createAndActivate(2);

        assertThat(partitions().detach(1, DETACHED_AT)).isInstanceOf(PartitionChange.Refused.class);
        assertThat(partitions().layout().attached())
                .extracting(AttachedPartition::value)
                .containsExactly(1L, 2L);
        assertThat(queue().hasPending()).isTrue();
    }

    @Test
    void detaching_the_partition_new_events_land_in_is_refused() {
        assertThat(partitions().detach(1, DETACHED_AT)).isInstanceOf(PartitionChange.Refused.class);
        assertThat(queueEvent().partitionId()).isEqualTo(1);
    }

    @Test
    void detaching_a_processed_partition_takes_it_and_its_events_out_of_the_queue() {
        SyncEvent old = queueEvent();
        markProcessed(old);
        partitions().createAndActivate(2);
        SyncEvent current = queueEvent();

        assertThat(partitions().detach(1, DETACHED_AT)).isEqualTo(DONE);

        assertThat(partitions().layout())
                .isEqualTo(new PartitionLayout(
                        List.of(AttachedPartition.holding(2, true, current.createdAt())),
                        2,
                        List.of(new DetachedPartition(1, DETACHED_AT))));
        assertThat(world().events()).containsExactly(current);
    }

    @Test
    void detaching_a_partition_that_is_not_attached_is_refused() {
        assertThat(partitions().detach(5, DETACHED_AT)).isInstanceOf(PartitionChange.Refused.class);
    }

    @Test
    void dropping_removes_a_detached_partition_for_good() {
        partitions().createAndActivate(2);
        partitions().detach(1, DETACHED_AT);

        assertThat(partitions().drop(1)).isEqualTo(DONE);

        assertThat(partitions().layout())
                .isEqualTo(new PartitionLayout(List.of(AttachedPartition.empty(2)), 2, List.of()));
        assertThat(partitions().drop(1)).isInstanceOf(PartitionChange.Refused.class);
    }

    @Test
    void dropping_an_attached_partition_is_refused() {
        partitions().createAndActivate(2);

        assertThat(partitions().drop(1)).isInstanceOf(PartitionChange.Refused.class);
        assertThat(partitions().layout().attached())
                .extracting(AttachedPartition::value)
                .containsExactly(1L, 2L);
    }

    @Test
    void a_value_once_detached_cannot_be_created_again_until_it_is_dropped() {
        partitions().createAndActivate(2);
        partitions().detach(1, DETACHED_AT);

        assertThat(partitions().createAndActivate(1)).isInstanceOf(PartitionChange.Refused.class);
        assertThat(partitions().layout().defaultValue()).isEqualTo(2);
    }
}
