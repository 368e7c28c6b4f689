package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.in.MaintainQueuePartitions.Completed;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.MaintenanceRound;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.PartitionStatistics;
import dev.catalogsync.application.port.out.QueuePartitions;
import dev.catalogsync.application.service.MaintainQueuePartitionsService;
import dev.catalogsync.domain.SyncEvent;
import dev.catalogsync.domain.partitioning.AttachedPartition;
import dev.catalogsync.domain.partitioning.PartitionStep.Activate;
import dev.catalogsync.domain.partitioning.PartitionStep.CreateAndActivate;
import dev.catalogsync.domain.partitioning.PartitionStep.Detach;
import dev.catalogsync.domain.partitioning.PartitionStep.Drop;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GitLab's sliding-list strategy, run as maintenance rounds on a real set of partitions: the fakes, and the
 * PostgreSQL queue with the real trigger. Subclasses provide a fresh queue as migrated for each test, and say
 * how time passes in their world.
 */
public abstract class MaintainQueuePartitionsContract {

    private static final Duration DAY = Duration.ofDays(1);
    private static final SlidingListPolicy DROP_AT_ONCE = new SlidingListPolicy(DAY, Duration.ZERO);
    private static final SlidingListPolicy KEEP_A_WEEK = new SlidingListPolicy(DAY, Duration.ofDays(7));

    protected abstract CatalogWorld world();

    protected abstract QueuePartitions partitions();

    protected abstract ExclusiveLease lease();

    /** The clock the rounds read. */
    protected abstract Clock clock();

    /** Makes {@code duration} pass for everything already stored: event creation and detach times. */
    protected abstract void letTimePass(Duration duration);

    /** Adds partition {@code value} to the queue without moving the column default, as a person or old tool might. */
    protected abstract void createPartitionWithoutMovingTheDefault(long value);

    private int renames;

    private MaintainQueuePartitionsService maintenance() {
        return new MaintainQueuePartitionsService(
                partitions(), lease(), duration -> {}, PartitionStatistics.NOOP, clock());
    }

    private Completed round(SlidingListPolicy policy) {
        MaintenanceRound round = maintenance().maintain(policy);
        assertThat(round).isInstanceOf(Completed.class);
        return (Completed) round;
    }

    private SyncEvent queueEvent() {
        long project = world().createProject(new MirroredAttributes("project", null, VisibilityLevel.PUBLIC));
        world().createCatalogResource(project);
        world().updateProject(project, new MirroredAttributes("renamed " + ++renames, null, VisibilityLevel.PUBLIC));
        List<SyncEvent> events = world().events();
        return events.get(events.size() - 1);
    }

    private void processPartition(long value) {
        world().events().stream().filter(event -> event.partitionId() == value).forEach(world()::markProcessed);
    }

    private List<Long> attached() {
        return partitions().layout().attached().stream()
                .map(AttachedPartition::value)
                .toList();
    }

    @Test
    void gitlabs_strategy_example() {
        SyncEvent first = queueEvent();
        assertThat(first.partitionId()).isEqualTo(1);
        assertThat(round(DROP_AT_ONCE)).isEqualTo(new Completed(List.of(), List.of(), 1));

        letTimePass(DAY.plusHours(1));
        assertThat(round(DROP_AT_ONCE)).isEqualTo(new Completed(List.of(new CreateAndActivate(2)), List.of(), 2));
        assertThat(attached()).containsExactly(1L, 2L);

        SyncEvent second = queueEvent();
        assertThat(second.partitionId()).isEqualTo(2);

        processPartition(1);
        assertThat(round(DROP_AT_ONCE)).isEqualTo(new Completed(List.of(new Detach(1), new Drop(1)), List.of(), 2));
        assertThat(attached()).containsExactly(2L);
        assertThat(partitions().layout().detached()).isEmpty();
        assertThat(world().events()).containsExactly(second);
    }

    @Test
    void a_partition_with_pending_events_is_kept_until_they_are_processed() {
        queueEvent();
        letTimePass(DAY.plusHours(1));
        round(DROP_AT_ONCE);
        queueEvent();

        assertThat(round(DROP_AT_ONCE).done()).isEmpty();
        assertThat(attached()).containsExactly(1L, 2L);

        processPartition(1);
        assertThat(round(DROP_AT_ONCE).done()).containsExactly(new Detach(1), new Drop(1));
    }

    @Test
    void a_detached_partition_is_dropped_once_its_retention_has_passed() {
        queueEvent();
        letTimePass(DAY.plusHours(1));
        round(KEEP_A_WEEK);
        processPartition(1);

        assertThat(round(KEEP_A_WEEK).done()).containsExactly(new Detach(1));
        assertThat(partitions().layout().detached())
                .extracting(detached -> detached.value())
                .containsExactly(1L);

        letTimePass(Duration.ofDays(6));
        assertThat(round(KEEP_A_WEEK).done()).isEmpty();

        letTimePass(Duration.ofDays(1));
        assertThat(round(KEEP_A_WEEK).done()).contains(new Drop(1));
        assertThat(partitions().layout().detached()).isEmpty();
    }

    @Test
    void an_empty_queue_is_left_alone_however_much_time_passes() {
        letTimePass(Duration.ofDays(30));

        assertThat(round(DROP_AT_ONCE)).isEqualTo(new Completed(List.of(), List.of(), 1));
        assertThat(attached()).containsExactly(1L);
    }

    @Test
    void a_partition_added_without_moving_the_default_gets_it_in_the_next_round() {
        queueEvent();
        createPartitionWithoutMovingTheDefault(2);
        assertThat(queueEvent().partitionId()).isEqualTo(1);

        assertThat(round(DROP_AT_ONCE)).isEqualTo(new Completed(List.of(new Activate(2)), List.of(), 2));
        assertThat(queueEvent().partitionId()).isEqualTo(2);
    }

    @Test
    void a_second_round_right_after_the_first_changes_nothing() {
        queueEvent();
        letTimePass(DAY.plusHours(1));
        round(DROP_AT_ONCE);

        assertThat(round(DROP_AT_ONCE)).isEqualTo(new Completed(List.of(), List.of(), 2));
    }

    @Test
    void a_round_is_skipped_while_another_holds_the_maintenance_lease() {
        queueEvent();
        letTimePass(DAY.plusHours(1));
        ExclusiveLease.Held other = lease().tryObtain(MaintainQueuePartitionsService.LEASE_KEY, Duration.ofMinutes(1))
                .orElseThrow();

        assertThat(maintenance().maintain(DROP_AT_ONCE))
                .isInstanceOf(dev.catalogsync.application.port.in.MaintainQueuePartitions.OtherRoundRunning.class);
        assertThat(attached()).containsExactly(1L);

        other.close();
        assertThat(round(DROP_AT_ONCE).done()).containsExactly(new CreateAndActivate(2));
    }
}
