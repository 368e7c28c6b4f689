package dev.catalogsync.bootstrap.metrics;

import static dev.catalogsync.bootstrap.metrics.MetricNames.name;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import dev.catalogsync.application.port.out.PartitionStatistics;

/** Partition rounds as counters: rounds, and their steps by kind ({@code catalog_sync.partitions.steps.<kind>}). */
public class DropwizardPartitionStatistics implements PartitionStatistics {

    private final Counter rounds;
    private final Counter roundsLeftToAnother;
    private final Counter created;
    private final Counter activated;
    private final Counter detached;
    private final Counter dropped;
    private final Counter skipped;

    public DropwizardPartitionStatistics(MetricRegistry registry) {
        rounds = registry.counter(MetricNames.PARTITION_ROUNDS);
        roundsLeftToAnother = registry.counter(name(MetricNames.PARTITION_ROUNDS, "left_to_another"));
        created = registry.counter(name(MetricNames.PARTITION_STEPS, "created"));
        activated = registry.counter(name(MetricNames.PARTITION_STEPS, "activated"));
        detached = registry.counter(name(MetricNames.PARTITION_STEPS, "detached"));
        dropped = registry.counter(name(MetricNames.PARTITION_STEPS, "dropped"));
        skipped = registry.counter(name(MetricNames.PARTITION_STEPS, "skipped"));
    }

    @Override
    public void roundCompleted(
            int createdSteps, int activatedSteps, int detachedSteps, int droppedSteps, int skippedSteps) {
        rounds.inc();
        created.inc(createdSteps);
        activated.inc(activatedSteps);
        detached.inc(detachedSteps);
        dropped.inc(droppedSteps);
        skipped.inc(skippedSteps);
    }

    @Override
    public void roundSkippedForAnother() {
        roundsLeftToAnother.inc();
    }
}
