package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.domain.PendingRange;
import dev.catalogsync.domain.SyncEvent;
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

    private void queueEventsForNewResources(int count) {
        for (int i = 0; i < count; i++) {
            long project = world().createProject(attributes("project " + i));
            world().createCatalogResource(project);
            world().updateProject(project, attributes("renamed " + i));
        }
    }

    static MirroredAttributes attributes(String name) {
        return new MirroredAttributes(name, "about " + name, VisibilityLevel.PUBLIC);
    }

    @Test
    void an_empty_queue_has_no_pending_range_and_nothing_pending() {
        assertThat(queue().pendingRange()).isEmpty();
        assertThat(queue().hasPending()).isFalse();
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
    void processed_events_leave_the_range_and_a_fully_processed_queue_has_nothing_pending() {
        queueEventsForNewResources(3);
        List<SyncEvent> events = world().events();

        world().markProcessed(events.get(0));
        assertThat(queue().pendingRange())
                .contains(new PendingRange(events.get(1).id(), events.get(2).id()));

        world().markProcessed(events.get(1));
        world().markProcessed(events.get(2));
        assertThat(queue().pendingRange()).isEmpty();
        assertThat(queue().hasPending()).isFalse();
    }

    @Test
    void an_event_processed_inside_the_range_still_counts_in_the_estimate() {
        queueEventsForNewResources(3);
        List<SyncEvent> events = world().events();

        world().markProcessed(events.get(1));

        assertThat(queue().pendingRange().orElseThrow().estimatedTotal())
                .isEqualTo(events.get(2).id() - events.get(0).id() + 1);
    }

    @Test
    void pending_events_of_every_attached_partition_count() {
        queueEventsForNewResources(1);
        newEventsLandInPartition(2);
        queueEventsForNewResources(1);
        List<SyncEvent> events = world().events();
        assertThat(events).extracting(SyncEvent::partitionId).containsExactly(1L, 2L);

        world().markProcessed(events.get(0));

        assertThat(queue().pendingRange())
                .contains(new PendingRange(events.get(1).id(), events.get(1).id()));
        assertThat(queue().hasPending()).isTrue();
    }
}
