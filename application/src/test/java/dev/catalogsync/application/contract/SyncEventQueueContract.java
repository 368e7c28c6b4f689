package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.domain.MirroredAttributes;
import dev.catalogsync.domain.PendingRange;
import dev.catalogsync.domain.SyncBatch;
import dev.catalogsync.domain.SyncEvent;
import dev.catalogsync.domain.SyncEventStatus;
import dev.catalogsync.domain.VisibilityLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link SyncEventQueue} must do. Subclasses provide a fresh, empty world for each test. */
public abstract class SyncEventQueueContract {

    protected abstract CatalogWorld world();

    protected abstract SyncEventQueue queue();

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

        assertThat(batch.events()).extracting(SyncEvent::id)
                .containsExactly(events.get(0).id(), events.get(1).id());
        assertThat(batch.events()).allSatisfy(event -> assertThat(event.isPending()).isTrue());
    }

    @Test
    void marking_processed_changes_exactly_the_named_pending_events() {
        queueEventsForNewResources(3);
        List<SyncEvent> events = world().events();
        SyncEvent first = events.get(0);

        int marked = queue().markProcessed(first.partitionId(), List.of(first.id()));

        assertThat(marked).isEqualTo(1);
        assertThat(world().events()).extracting(SyncEvent::status)
                .containsExactly(SyncEventStatus.PROCESSED, SyncEventStatus.PENDING, SyncEventStatus.PENDING);
        assertThat(queue().pendingRange()).contains(new PendingRange(events.get(1).id(), events.get(2).id()));
    }

    @Test
    void marking_processed_again_changes_nothing() {
        queueEventsForNewResources(1);
        SyncEvent event = world().events().get(0);
        queue().markProcessed(event.partitionId(), List.of(event.id()));

        assertThat(queue().markProcessed(event.partitionId(), List.of(event.id()))).isZero();
        assertThat(queue().hasPending()).isFalse();
    }

    @Test
    void marking_in_another_partition_than_the_events_changes_nothing() {
        queueEventsForNewResources(1);
        SyncEvent event = world().events().get(0);

        assertThat(queue().markProcessed(event.partitionId() + 1, List.of(event.id()))).isZero();
        assertThat(queue().hasPending()).isTrue();
    }

    @Test
    void marking_an_empty_list_changes_nothing() {
        queueEventsForNewResources(1);

        assertThat(queue().markProcessed(1, List.of())).isZero();
        assertThat(queue().hasPending()).isTrue();
    }
}
