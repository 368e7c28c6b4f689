package dev.catalogsync.domain.partitioning;

import java.util.List;

/** The steps of one maintenance round, in the order they are to run. Empty when all is well. */
public record PartitionPlan(List<PartitionStep> steps) {

    public PartitionPlan {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
