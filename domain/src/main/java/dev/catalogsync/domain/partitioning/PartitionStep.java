package dev.catalogsync.domain.partitioning;

/** One change to the queue's partitions. Each is applied as one transaction of its own. */
public sealed interface PartitionStep {

    /** The partition value the step is about. */
    long value();

    /** A word for reports: {@code create}, {@code activate}, {@code detach}, {@code drop}. */
    String action();

    /**
     * Create the partition for {@code value} and make it the column default, in one transaction, so that no
     * insert can find the default naming a partition that does not exist.
     */
    record CreateAndActivate(long value) implements PartitionStep {
        @Override
        public String action() {
            return "create";
        }
    }

    /** Make the attached partition {@code value} the column default (repairs a default left behind). */
    record Activate(long value) implements PartitionStep {
        @Override
        public String action() {
            return "activate";
        }
    }

    /** Take partition {@code value} out of the queue, if it still holds no pending event. */
    record Detach(long value) implements PartitionStep {
        @Override
        public String action() {
            return "detach";
        }
    }

    /** Drop the detached partition {@code value} and its rows. */
    record Drop(long value) implements PartitionStep {
        @Override
        public String action() {
            return "drop";
        }
    }
}
