package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.domain.PendingRange;
import dev.catalogsync.domain.SyncBatch;
import dev.catalogsync.domain.SyncEvent;
import dev.catalogsync.domain.SyncEventStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SyncEventQueue} must do. Subclasses provide, for each test, a fresh, empty world whose queue
 * has partition 1 attached and new events landing in it.
 */
public abstract class SyncEventQueueContract {

    protected abstract CatalogWorld world();

    protected abstract SyncEventQueue queue();

    /**
     * Attaches partition {@code value} and makes new events land in it, as a rotation of the queue's partitions
     * does; the events already queued stay where they are.
     */
    protected abstract void newEventsLandInPartition(long value);

    private long queueEventsForNewResources(int count) {
        long lastProject = 0;
        for (int i = 0; i < count; i++) {
            lastProject = world().createProject(attributes("project " + i));
            world().createCatalogResource(lastProject);
            world().updateProject(lastProject, attributes("renamed " + i));
        }
        return lastProject;
    }

    static MirroredAttributes attributes(String name) {
        return new MirroredAttributes(name, "about " + name, VisibilityLevel.PUBLIC);
    }

    @Test
    void an_empty_queue_has_no_pending_range_and_nothing_pending() {
        assertThat(queue().pendingRange()).isEmpty();
        assertThat(queue().hasPending()).isFalse();
        assertThat(queue().nextPendingBatch(10).isEmpty()).isTrue();
    }

    @Test
    void pending_range_spans_the_lowest_to_the_highest_pending_id() {
        queueEventsForNewResources(3);
        List<SyncEvent> events = world().events();

        assertThat(queue().pendingRange())
                .contains(new PendingRange(events.get(0).id(), events.get(2).id()));
        assertThat(queue().hasPending()).isTrue();
    }

    @Test
    void next_batch_takes_pending_events_lowest_id_first_up_to_the_limit() {
        queueEventsForNewResources(3);
        List<SyncEvent> events = world().events();

        SyncBatch batch = queue().nextPendingBatch(2);

        assertThat(batch.events())
                .extracting(SyncEvent::id)
                .containsExactly(events.get(0).id(), events.get(1).id());
        assertThat(batch.events())
                .allSatisfy(event -> assertThat(event.isPending()).isTrue());
    }

    @Test
    void marking_processed_changes_exactly_the_pending_events_of_the_batch() {
        queueEventsForNewResources(3);
        List<SyncEvent> events = world().events();

        int marked = queue().markProcessed(queue().nextPendingBatch(1));

        assertThat(marked).isEqualTo(1);
        assertThat(world().events())
                .extracting(SyncEvent::status)
                .containsExactly(SyncEventStatus.PROCESSED, SyncEventStatus.PENDING, SyncEventStatus.PENDING);
        assertThat(queue().pendingRange())
                .contains(new PendingRange(events.get(1).id(), events.get(2).id()));
    }

    @Test
    void events_queued_after_the_batch_was_read_stay_pending() {
        queueEventsForNewResources(2);
        SyncBatch batch = queue().nextPendingBatch(10);
        queueEventsForNewResources(1);

        assertThat(queue().markProcessed(batch)).isEqualTo(2);
        assertThat(world().events())
                .extracting(SyncEvent::status)
                .containsExactly(SyncEventStatus.PROCESSED, SyncEventStatus.PROCESSED, SyncEventStatus.PENDING);
    }

    @Test
    void marking_processed_again_changes_nothing() {
        queueEventsForNewResources(1);
        SyncBatch batch = queue().nextPendingBatch(10);
        queue().markProcessed(batch);

        assertThat(queue().markProcessed(batch)).isZero();
        assertThat(queue().hasPending()).isFalse();
    }

    @Test
    void a_batch_spanning_two_partitions_is_marked_in_both() {
        queueEventsForNewResources(2);
        newEventsLandInPartition(2);
        queueEventsForNewResources(2);
        SyncBatch batch = queue().nextPendingBatch(10);
        assertThat(batch.events()).extracting(SyncEvent::partitionId).containsExactly(1L, 1L, 2L, 2L);

        assertThat(queue().markProcessed(batch)).isEqualTo(4);
        assertThat(queue().hasPending()).isFalse();
        assertThat(queue().markProcessed(batch)).isZero();
    }

    @Test
    void an_event_named_in_another_partition_than_its_own_is_left_pending() {
        queueEventsForNewResources(1);
        SyncEvent event = world().events().get(0);
        SyncEvent elsewhere = new SyncEvent(
                event.id(),
                event.catalogResourceId(),
                event.projectId(),
                event.partitionId() + 1,
                event.status(),
                event.createdAt());

        assertThat(queue().markProcessed(new SyncBatch(List.of(elsewhere)))).isZero();
        assertThat(queue().hasPending()).isTrue();
    }

    @Test
    void marking_an_empty_batch_changes_nothing() {
        queueEventsForNewResources(1);

        assertThat(queue().markProcessed(SyncBatch.empty())).isZero();
        assertThat(queue().hasPending()).isTrue();
    }
}
