package dev.catalogsync.application.port.in;

import dev.catalogsync.domain.partitioning.PartitionStep;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.util.List;
import java.util.Objects;

/**
 * One maintenance round of the queue's partitions (GitLab's partition manager for a sliding-list table): reads
 * the partitions, plans with the {@link SlidingListPolicy}, and applies the steps one transaction each. A step
 * whose lock is not granted is retried a few times, then skipped for this round; the next round plans afresh.
 * One round runs at a time across every process sharing the database; safe to run as often as wanted.
 *
 * <p>Contract: each step is atomic on its own (see {@code QueuePartitions}); the round is not, and a round that
 * fails part-way keeps the steps it made, which the next round plans around. Idempotent: a round with nothing to
 * do changes nothing. A lock not granted and a step refused are reported as {@link SkippedStep}s, another
 * process's round as {@link OtherRoundRunning}; failures of the store surface as unchecked exceptions, with the
 * round's lease released.
 */
public interface MaintainQueuePartitions {

    MaintenanceRound maintain(SlidingListPolicy policy);

    /** How a round ended. */
    sealed interface MaintenanceRound {}

    /** Another process was running a round; this one changed nothing. */
    record OtherRoundRunning() implements MaintenanceRound {}

    /**
     * A round ran.
     *
     * @param done the steps made, in order
     * @param skipped the steps planned but not made, each with why
     * @param activePartition where new events land after the round (the column default)
     */
    record Completed(List<PartitionStep> done, List<SkippedStep> skipped, long activePartition)
            implements MaintenanceRound {

        public Completed {
            done = List.copyOf(done);
            skipped = List.copyOf(skipped);
        }

        /** Values of the done steps of one kind, e.g. {@code valuesDone(PartitionStep.Detach.class)}. */
        public List<Long> valuesDone(Class<? extends PartitionStep> kind) {
            return done.stream()
                    .filter(kind::isInstance)
                    .map(PartitionStep::value)
                    .toList();
        }
    }

    /** A planned step that was not made this round. */
    record SkippedStep(PartitionStep step, String reason) {

        public SkippedStep {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
