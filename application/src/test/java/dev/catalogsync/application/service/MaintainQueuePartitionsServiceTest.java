package dev.catalogsync.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.contract.MirroredAttributes;
import dev.catalogsync.application.contract.VisibilityLevel;
import dev.catalogsync.application.fakes.InMemoryCatalog;
import dev.catalogsync.application.fakes.InMemoryExclusiveLease;
import dev.catalogsync.application.fakes.InMemoryQueuePartitions;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.Completed;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.SkippedStep;
import dev.catalogsync.application.port.out.PartitionChange;
import dev.catalogsync.application.port.out.PartitionStatistics;
import dev.catalogsync.application.port.out.QueuePartitions;
import dev.catalogsync.domain.partitioning.PartitionLayout;
import dev.catalogsync.domain.partitioning.PartitionStep.CreateAndActivate;
import dev.catalogsync.domain.partitioning.PartitionStep.Detach;
import dev.catalogsync.domain.partitioning.PartitionStep.Drop;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The round's handling of locks not granted and of steps that depend on each other, on the fakes. */
class MaintainQueuePartitionsServiceTest {

    private static final SlidingListPolicy DROP_AT_ONCE = new SlidingListPolicy(Duration.ofDays(1), Duration.ZERO);

    private final SettableClock clock = new SettableClock();
    private final InMemoryCatalog catalog = new InMemoryCatalog(clock);
    private final InMemoryQueuePartitions partitions = new InMemoryQueuePartitions(catalog);
    private final List<Duration> pauses = new ArrayList<>();
    private final MaintainQueuePartitionsService maintenance = new MaintainQueuePartitionsService(
            partitions, new InMemoryExclusiveLease(clock), pauses::add, PartitionStatistics.NOOP, clock);

    private void queueEvent() {
        long project = catalog.createProject(new MirroredAttributes("p", null, VisibilityLevel.PUBLIC));
        catalog.createCatalogResource(project);
        catalog.updateProject(project, new MirroredAttributes("q", null, VisibilityLevel.PUBLIC));
    }

    /** Partition 1 processed and no longer active: the next round detaches and drops it. */
    private void rotatedAndProcessed() {
        queueEvent();
        clock.advance(Duration.ofDays(2));
        maintenance.maintain(DROP_AT_ONCE);
        catalog.events().forEach(catalog::markProcessed);
    }

    @Test
    void a_lock_not_granted_is_tried_again_after_a_pause() {
        queueEvent();
        clock.advance(Duration.ofDays(2));
        partitions.holdLocksForTheNext(2);

        Completed round = (Completed) maintenance.maintain(DROP_AT_ONCE);

        assertThat(round.done()).containsExactly(new CreateAndActivate(2));
        assertThat(round.skipped()).isEmpty();
        assertThat(partitions.attempts()).containsExactly("create 2", "create 2", "create 2");
        assertThat(pauses)
                .containsExactly(
                        MaintainQueuePartitionsService.LOCK_RETRY_DELAY,
                        MaintainQueuePartitionsService.LOCK_RETRY_DELAY);
    }

    @Test
    void after_the_last_attempt_the_step_is_skipped_for_this_round_with_the_reason() {
        queueEvent();
        clock.advance(Duration.ofDays(2));
        partitions.holdLocksForTheNext(MaintainQueuePartitionsService.LOCK_ATTEMPTS);

        Completed round = (Completed) maintenance.maintain(DROP_AT_ONCE);

        assertThat(round.done()).isEmpty();
        assertThat(round.activePartition()).isEqualTo(1);
        assertThat(round.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.step()).isEqualTo(new CreateAndActivate(2));
            assertThat(skipped.reason()).startsWith("gave up for this round after 3 attempts: lock on");
        });
        assertThat(catalog.partitionValues()).containsExactly(1L);

        assertThat(((Completed) maintenance.maintain(DROP_AT_ONCE)).done()).containsExactly(new CreateAndActivate(2));
    }

    @Test
    void a_drop_is_skipped_when_the_detach_before_it_was_not_made() {
        rotatedAndProcessed();
        partitions.holdLocksForTheNext(MaintainQueuePartitionsService.LOCK_ATTEMPTS);

        Completed round = (Completed) maintenance.maintain(DROP_AT_ONCE);

        assertThat(round.done()).isEmpty();
        assertThat(round.skipped()).extracting(SkippedStep::step).containsExactly(new Detach(1), new Drop(1));
        assertThat(round.skipped().get(1).reason()).isEqualTo("partition 1 was not detached in this round");
        assertThat(partitions.attempts()).doesNotContain("drop 1");
    }

    @Test
    void a_step_the_store_refuses_on_its_own_check_is_reported_with_its_reason_and_not_tried_again() {
        rotatedAndProcessed();
        PartitionLayout beforeAPendingEventArrived = partitions.layout();
        catalog.activePartition(1);
        queueEvent();
        catalog.activePartition(2);
        QueuePartitions stale = new QueuePartitions() {
            @Override
            public PartitionLayout layout() {
                return beforeAPendingEventArrived;
            }

            @Override
            public PartitionChange createAndActivate(long value) {
                return partitions.createAndActivate(value);
            }

            @Override
            public PartitionChange activate(long value) {
                return partitions.activate(value);
            }

            @Override
            public PartitionChange detach(long value, Instant detachedAt) {
                return partitions.detach(value, detachedAt);
            }

            @Override
            public PartitionChange drop(long value) {
                return partitions.drop(value);
            }
        };

        Completed round = (Completed) new MaintainQueuePartitionsService(
                        stale, new InMemoryExclusiveLease(clock), pauses::add, PartitionStatistics.NOOP, clock)
                .maintain(DROP_AT_ONCE);

        assertThat(round.done()).isEmpty();
        assertThat(round.skipped())
                .containsExactly(
                        new SkippedStep(new Detach(1), "partition 1 holds pending events"),
                        new SkippedStep(new Drop(1), "partition 1 was not detached in this round"));
        assertThat(pauses).isEmpty();
        assertThat(catalog.partitionValues()).containsExactly(1L, 2L);
    }

    @Test
    void a_round_reports_where_new_events_land_afterwards() {
        rotatedAndProcessed();

        Completed round = (Completed) maintenance.maintain(DROP_AT_ONCE);

        assertThat(round).isEqualTo(new Completed(List.of(new Detach(1), new Drop(1)), List.of(), 2));
        assertThat(round.valuesDone(Detach.class)).containsExactly(1L);
        assertThat(round.valuesDone(CreateAndActivate.class)).isEmpty();
    }
}
