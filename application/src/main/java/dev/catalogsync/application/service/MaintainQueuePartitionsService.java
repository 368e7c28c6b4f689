package dev.catalogsync.application.service;

import dev.catalogsync.application.port.in.MaintainQueuePartitions;
import dev.catalogsync.application.port.out.ExclusiveLease;
import dev.catalogsync.application.port.out.PartitionChange;
import dev.catalogsync.application.port.out.PartitionStatistics;
import dev.catalogsync.application.port.out.Pause;
import dev.catalogsync.application.port.out.QueuePartitions;
import dev.catalogsync.domain.partitioning.PartitionLayout;
import dev.catalogsync.domain.partitioning.PartitionStep;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the partitions, plans with the policy, and applies each step with a few attempts when its lock is not
 * granted. A step that still cannot get its lock is skipped for this round rather than waited for: the store's
 * lock timeout bounds how long writers of the queue queue behind one attempt, and the next round plans again.
 *
 * <p>A drop planned after a detach of the same partition in this round is skipped when that detach was not made.
 */
public class MaintainQueuePartitionsService implements MaintainQueuePartitions {

    /** One round at a time for every process working on this queue. */
    public static final String LEASE_KEY = "catalog_sync:maintain_queue_partitions:p_catalog_resource_sync_events";

    /**
     * Longer than any round takes: each step is bounded by its attempts, each attempt by the store's lock and
     * statement timeouts. A process that dies mid-round blocks the next round for at most this long.
     */
    public static final Duration LEASE_TIME_TO_LIVE = Duration.ofMinutes(10);

    /** Attempts per step when its lock is not granted, before it is skipped for this round. */
    public static final int LOCK_ATTEMPTS = 3;

    /** Wait between attempts: long enough for a short transaction in the way to end. */
    public static final Duration LOCK_RETRY_DELAY = Duration.ofMillis(500);

    private final QueuePartitions partitions;
    private final ExclusiveLease lease;
    private final Pause pause;
    private final PartitionStatistics statistics;
    private final Clock clock;

    public MaintainQueuePartitionsService(
            QueuePartitions partitions,
            ExclusiveLease lease,
            Pause pause,
            PartitionStatistics statistics,
            Clock clock) {
        this.partitions = partitions;
        this.lease = lease;
        this.pause = pause;
        this.statistics = statistics;
        this.clock = clock;
    }

    @Override
    public MaintenanceRound maintain(SlidingListPolicy policy) {
        Optional<ExclusiveLease.Held> held = lease.tryObtain(LEASE_KEY, LEASE_TIME_TO_LIVE);
        if (held.isEmpty()) {
            statistics.roundSkippedForAnother();
            return new OtherRoundRunning();
        }
        Completed round;
        try (ExclusiveLease.Held ignored = held.get()) {
            round = runRound(policy);
        }
        statistics.roundCompleted(
                round.valuesDone(PartitionStep.CreateAndActivate.class).size(),
                round.valuesDone(PartitionStep.Activate.class).size(),
                round.valuesDone(PartitionStep.Detach.class).size(),
                round.valuesDone(PartitionStep.Drop.class).size(),
                round.skipped().size());
        return round;
    }

    private Completed runRound(SlidingListPolicy policy) {
        PartitionLayout layout = partitions.layout();
        List<PartitionStep> done = new ArrayList<>();
        List<SkippedStep> skipped = new ArrayList<>();
        Set<Long> notDetached = new HashSet<>();
        long active = layout.defaultValue();
        for (PartitionStep step : policy.plan(layout, clock.instant()).steps()) {
            if (step instanceof PartitionStep.Drop && notDetached.contains(step.value())) {
                skipped.add(new SkippedStep(step, "partition " + step.value() + " was not detached in this round"));
                continue;
            }
            PartitionChange change = applyWithAttempts(step);
            if (change instanceof PartitionChange.Done) {
                done.add(step);
                if (step instanceof PartitionStep.CreateAndActivate || step instanceof PartitionStep.Activate) {
                    active = step.value();
                }
            } else {
                skipped.add(new SkippedStep(step, reason(change)));
                if (step instanceof PartitionStep.Detach) {
                    notDetached.add(step.value());
                }
            }
        }
        return new Completed(done, skipped, active);
    }

    private PartitionChange applyWithAttempts(PartitionStep step) {
        PartitionChange change = apply(step);
        for (int attempt = 2; attempt <= LOCK_ATTEMPTS && change instanceof PartitionChange.LockNotGranted; attempt++) {
            pause.pause(LOCK_RETRY_DELAY);
            if (Thread.currentThread().isInterrupted()) {
                return change;
            }
            change = apply(step);
        }
        return change;
    }

    private PartitionChange apply(PartitionStep step) {
        if (step instanceof PartitionStep.CreateAndActivate) {
            return partitions.createAndActivate(step.value());
        }
        if (step instanceof PartitionStep.Activate) {
            return partitions.activate(step.value());
        }
        if (step instanceof PartitionStep.Detach) {
            return partitions.detach(step.value(), clock.instant());
        }
        return partitions.drop(step.value());
    }

    private static String reason(PartitionChange change) {
        if (change instanceof PartitionChange.LockNotGranted notGranted) {
            return "gave up for this round after " + LOCK_ATTEMPTS + " attempts: " + notGranted.detail();
        }
        return ((PartitionChange.Refused) change).reason();
    }
}
