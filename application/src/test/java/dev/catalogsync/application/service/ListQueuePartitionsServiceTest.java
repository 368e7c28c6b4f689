package dev.catalogsync.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.contract.MirroredAttributes;
import dev.catalogsync.application.contract.VisibilityLevel;
import dev.catalogsync.application.fakes.InMemoryCatalog;
import dev.catalogsync.application.fakes.InMemoryQueuePartitions;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.port.in.ListQueuePartitions.PartitionFigures;
import dev.catalogsync.application.port.in.ListQueuePartitions.PartitionOverview;
import dev.catalogsync.domain.SyncEvent;
import dev.catalogsync.domain.partitioning.AttachedPartition;
import dev.catalogsync.domain.partitioning.DetachedPartition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListQueuePartitionsServiceTest {

    private final SettableClock clock = new SettableClock();
    private final InMemoryCatalog catalog = new InMemoryCatalog(clock);
    private final InMemoryQueuePartitions partitions = new InMemoryQueuePartitions(catalog);
    private final ListQueuePartitionsService list = new ListQueuePartitionsService(partitions, catalog);

    private SyncEvent queueEvent() {
        long project = catalog.createProject(new MirroredAttributes("p", null, VisibilityLevel.PUBLIC));
        catalog.createCatalogResource(project);
        catalog.updateProject(project, new MirroredAttributes("q", null, VisibilityLevel.PUBLIC));
        List<SyncEvent> events = catalog.events();
        return events.get(events.size() - 1);
    }

    @Test
    void a_fresh_queue_lists_one_empty_active_partition() {
        assertThat(list.overview())
                .isEqualTo(new PartitionOverview(
                        1, List.of(new PartitionFigures(AttachedPartition.empty(1), true, 0, 0)), List.of()));
    }

    @Test
    void lists_counts_by_status_the_oldest_record_and_which_partition_is_active() {
        Instant start = clock.instant();
        SyncEvent processed = queueEvent();
        queueEvent();
        catalog.markProcessed(processed);
        clock.advance(Duration.ofHours(5));
        partitions.createAndActivate(2);
        queueEvent();
        partitions.createAndActivate(3);
        partitions.activate(2);
        partitions.createAndActivate(4);
        partitions.activate(2);
        partitions.detach(4, clock.instant());

        assertThat(list.overview())
                .isEqualTo(new PartitionOverview(
                        2,
                        List.of(
                                new PartitionFigures(AttachedPartition.holding(1, true, start), false, 1, 1),
                                new PartitionFigures(
                                        AttachedPartition.holding(2, true, start.plus(Duration.ofHours(5))),
                                        true,
                                        1,
                                        0),
                                new PartitionFigures(AttachedPartition.empty(3), false, 0, 0)),
                        List.of(new DetachedPartition(4, start.plus(Duration.ofHours(5))))));
    }
}
