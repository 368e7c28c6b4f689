package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.LeaseToken;
import dev.catalogsync.application.port.out.SyncBatches;
import dev.catalogsync.application.port.out.SyncBatches.Outcome;
import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.SyncEvent;
import dev.catalogsync.domain.SyncEventStatus;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SyncBatches} must do, with the {@link ExclusiveLease} whose holders it fences. Subclasses
 * provide, for each test, a fresh, empty world whose queue has partition 1 attached and new events landing in
 * it, and no lease held.
 */
public abstract class SyncBatchesContract {

    private static final String KEY = "sync-batches-contract";
    private static final Duration TTL = Duration.ofMinutes(1);
    private static final int ALL = 1000;

    protected abstract CatalogWorld world();

    protected abstract SyncBatches batches();

    protected abstract ExclusiveLease lease();

    /** Makes the time to live of whoever holds {@code key} run out, as if a minute had passed. */
    protected abstract void expire(String key);

    /** Attaches partition {@code value} and makes new events land in it, as a rotation does. */
    protected abstract void newEventsLandInPartition(long value);

    private static final MirroredAttributes ORIGINAL =
            new MirroredAttributes("original", "the first description", VisibilityLevel.PRIVATE);
    private static final MirroredAttributes CHANGED = new MirroredAttributes("changed", null, VisibilityLevel.PUBLIC);

    private ExclusiveLease.Held held;

    @BeforeEach
    void hold_the_lease() {
        held = lease().tryObtain(KEY, TTL).orElseThrow();
    }

    private Outcome sync(int limit) {
        return batches().syncNextBatch(held.token(), limit);
    }

    private static Outcome synced(long estimated, int consumable, int processed) {
        return new Outcome.Synced(new BatchResult(estimated, consumable, processed));
    }

    /** A catalog project changed once: one pending event. @return the resource */
    private long changedCatalogProject(MirroredAttributes to) {
        long project = world().createProject(ORIGINAL);
        long resource = world().createCatalogResource(project);
        world().updateProject(project, to);
        return resource;
    }

    private MirroredAttributes mirrored(long resource) {
        return world().catalogResource(resource).orElseThrow().attributes();
    }

    private List<SyncEventStatus> statuses() {
        return world().events().stream().map(SyncEvent::status).toList();
    }

    /** GitLab's estimate of the queue as it is now: from the lowest to the highest pending id. */
    private long estimateNow() {
        List<SyncEvent> pending =
                world().events().stream().filter(SyncEvent::isPending).toList();
        return pending.get(pending.size() - 1).id() - pending.get(0).id() + 1;
    }

    private long pending() {
        return world().events().stream().filter(SyncEvent::isPending).count();
    }

    @Test
    void copies_name_description_and_visibility_from_the_project_and_marks_the_event_processed() {
        long resource = changedCatalogProject(CHANGED);

        assertThat(sync(ALL)).isEqualTo(synced(1, 1, 1));
        assertThat(mirrored(resource)).isEqualTo(CHANGED);
        assertThat(statuses()).containsExactly(SyncEventStatus.PROCESSED);
    }

    @Test
    void takes_pending_events_lowest_id_first_up_to_the_limit_and_marks_exactly_those() {
        long first = changedCatalogProject(CHANGED);
        long second = changedCatalogProject(CHANGED);
        long third = changedCatalogProject(CHANGED);

        long estimate = estimateNow();

        assertThat(sync(2)).isEqualTo(synced(estimate, 2, 2));
        assertThat(statuses())
                .containsExactly(SyncEventStatus.PROCESSED, SyncEventStatus.PROCESSED, SyncEventStatus.PENDING);
        assertThat(List.of(mirrored(first), mirrored(second), mirrored(third)))
                .containsExactly(CHANGED, CHANGED, ORIGINAL);

        assertThat(sync(2)).isEqualTo(synced(1, 1, 1));
        assertThat(mirrored(third)).isEqualTo(CHANGED);
    }

    @Test
    void a_resource_with_several_events_gets_its_projects_current_values() {
        long project = world().createProject(ORIGINAL);
        long resource = world().createCatalogResource(project);
        world().updateProject(project, CHANGED);
        MirroredAttributes latest = new MirroredAttributes("latest", "now", VisibilityLevel.INTERNAL);
        world().updateProject(project, latest);

        long estimate = estimateNow();

        assertThat(sync(ALL)).isEqualTo(synced(estimate, 2, 2));
        assertThat(mirrored(resource)).isEqualTo(latest);
    }

    @Test
    void orphaned_events_copy_nothing_and_are_processed_too() {
        long kept = changedCatalogProject(CHANGED);
        long deleted = changedCatalogProject(CHANGED);
        world().deleteCatalogResource(deleted);

        long estimate = estimateNow();

        assertThat(sync(ALL)).isEqualTo(synced(estimate, 2, 2));
        assertThat(pending()).isZero();
        assertThat(mirrored(kept)).isEqualTo(CHANGED);
        assertThat(world().catalogResource(deleted)).isEmpty();
    }

    @Test
    void resources_the_batch_does_not_name_are_left_as_they_are() {
        long project = world().createProject(ORIGINAL);
        long untouched = world().createCatalogResource(project);
        world().writeCatalogResourceByHand(untouched, CHANGED);
        long synced = changedCatalogProject(CHANGED);

        sync(ALL);

        assertThat(mirrored(untouched)).as("drift the queue does not know of").isEqualTo(CHANGED);
        assertThat(mirrored(synced)).isEqualTo(CHANGED);
    }

    @Test
    void an_empty_queue_reports_nothing_consumable_and_no_processed_figure() {
        Outcome outcome = sync(ALL);

        assertThat(outcome).isEqualTo(new Outcome.Synced(BatchResult.nothingConsumable(0)));
        assertThat(((Outcome.Synced) outcome).result().processedEvents()).isEmpty();
    }

    @Test
    void the_estimate_is_the_pending_range_including_processed_ids_inside_it() {
        changedCatalogProject(CHANGED);
        changedCatalogProject(CHANGED);
        changedCatalogProject(CHANGED);
        List<SyncEvent> events = world().events();
        world().markProcessed(events.get(1));

        assertThat(sync(ALL))
                .isEqualTo(synced(events.get(2).id() - events.get(0).id() + 1, 2, 2));
    }

    @Test
    void a_batch_spanning_two_partitions_is_taken_and_marked_in_both() {
        changedCatalogProject(CHANGED);
        changedCatalogProject(CHANGED);
        newEventsLandInPartition(2);
        long inTheNewPartition = changedCatalogProject(CHANGED);
        assertThat(world().events()).extracting(SyncEvent::partitionId).containsExactly(1L, 1L, 2L);

        Outcome outcome = sync(ALL);

        assertThat(((Outcome.Synced) outcome).result().processedEvents()).hasValue(3);
        assertThat(pending()).isZero();
        assertThat(mirrored(inTheNewPartition)).isEqualTo(CHANGED);
    }

    @Test
    void events_queued_after_a_batch_stay_pending_for_the_next() {
        changedCatalogProject(CHANGED);
        sync(ALL);
        long later = changedCatalogProject(CHANGED);

        assertThat(pending()).isEqualTo(1);
        assertThat(sync(ALL)).isEqualTo(synced(1, 1, 1));
        assertThat(mirrored(later)).isEqualTo(CHANGED);
    }

    @Test
    void a_holder_whose_time_ran_out_writes_nothing() {
        long resource = changedCatalogProject(CHANGED);
        expire(KEY);

        assertThat(sync(ALL)).isEqualTo(new Outcome.LeaseLost());
        assertThat(pending()).isEqualTo(1);
        assertThat(mirrored(resource)).isEqualTo(ORIGINAL);
    }

    @Test
    void a_holder_whose_lease_was_taken_over_writes_nothing_and_the_new_holder_keeps_it() {
        long resource = changedCatalogProject(CHANGED);
        expire(KEY);
        ExclusiveLease.Held next = lease().tryObtain(KEY, TTL).orElseThrow();

        assertThat(sync(ALL)).isEqualTo(new Outcome.LeaseLost());
        assertThat(mirrored(resource)).isEqualTo(ORIGINAL);
        assertThat(lease().tryObtain(KEY, TTL)).as("still the new holder's").isEmpty();

        assertThat(batches().syncNextBatch(next.token(), ALL)).isEqualTo(synced(1, 1, 1));
        assertThat(mirrored(resource)).isEqualTo(CHANGED);
        next.close();
    }

    @Test
    void a_holder_that_released_the_lease_writes_nothing() {
        long resource = changedCatalogProject(CHANGED);
        held.close();

        assertThat(sync(ALL)).isEqualTo(new Outcome.LeaseLost());
        assertThat(mirrored(resource)).isEqualTo(ORIGINAL);
    }

    @Test
    void a_token_of_another_key_or_holder_writes_nothing() {
        long resource = changedCatalogProject(CHANGED);
        LeaseToken ours = held.token();

        assertThat(batches().syncNextBatch(new LeaseToken("another key", ours.owner(), TTL), ALL))
                .isEqualTo(new Outcome.LeaseLost());
        assertThat(batches().syncNextBatch(new LeaseToken(KEY, UUID.randomUUID(), TTL), ALL))
                .isEqualTo(new Outcome.LeaseLost());
        assertThat(mirrored(resource)).isEqualTo(ORIGINAL);
        assertThat(pending()).isEqualTo(1);
    }

    @Test
    void a_fenced_batch_keeps_the_lease_held_by_its_holder() {
        changedCatalogProject(CHANGED);

        sync(ALL);

        assertThat(lease().tryObtain(KEY, TTL)).isEmpty();
        held.close();
        assertThat(lease().tryObtain(KEY, TTL)).isPresent();
    }

    @Test
    void a_limit_below_one_is_refused() {
        assertThatThrownBy(() -> sync(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
