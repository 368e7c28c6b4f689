package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.ObserveQueue;
import dev.catalogsync.application.port.out.CronTicks;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.QueueInspector;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.domain.PendingRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Index probes only: the pending range, the oldest pending event, the lease row, the cron's row; the flag cached. */
public class ObserveQueueService implements ObserveQueue {

    private final SyncEventQueue queue;
    private final QueueInspector inspector;
    private final ExclusiveLease lease;
    private final FeatureFlagStates flags;
    private final CronTicks cron;
    private final Clock clock;

    public ObserveQueueService(
            SyncEventQueue queue,
            QueueInspector inspector,
            ExclusiveLease lease,
            FeatureFlagStates flags,
            CronTicks cron,
            Clock clock) {
        this.queue = queue;
        this.inspector = inspector;
        this.lease = lease;
        this.flags = flags;
        this.cron = cron;
        this.clock = clock;
    }

    @Override
    public QueueSample sample() {
        Instant now = clock.instant();
        Duration oldestAge = inspector
                .oldestPendingCreatedAt()
                .map(createdAt -> Duration.between(createdAt, now))
                .map(age -> age.isNegative() ? Duration.ZERO : age)
                .orElse(Duration.ZERO);
        return new QueueSample(
                now,
                queue.pendingRange().map(PendingRange::estimatedTotal).orElse(0L),
                oldestAge,
                lease.isHeld(PerformSyncWorkerService.LEASE_KEY),
                flags.isEnabled(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS),
                cron.workerCron());
    }
}
