package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.ReportQueueStatus;
import dev.catalogsync.application.port.out.QueueInspector;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.domain.PendingRange;
import java.time.Clock;
import java.time.Duration;

/** Gathers the status figures from the queue, the inspector and the flag. */
public class ReportQueueStatusService implements ReportQueueStatus {

    private final SyncEventQueue queue;
    private final QueueInspector inspector;
    private final FeatureFlagStates flags;
    private final Clock clock;

    public ReportQueueStatusService(
            SyncEventQueue queue, QueueInspector inspector, FeatureFlagStates flags, Clock clock) {
        this.queue = queue;
        this.inspector = inspector;
        this.flags = flags;
        this.clock = clock;
    }

    @Override
    public QueueStatus status() {
        Duration oldestAge = inspector
                .oldestPendingCreatedAt()
                .map(createdAt -> Duration.between(createdAt, clock.instant()))
                .map(age -> age.isNegative() ? Duration.ZERO : age)
                .orElse(Duration.ZERO);
        return new QueueStatus(
                inspector.pendingCount(),
                queue.pendingRange().map(PendingRange::estimatedTotal).orElse(0L),
                oldestAge,
                inspector.partitionValues(),
                flags.isEnabled(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS));
    }
}
