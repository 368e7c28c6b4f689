package dev.catalogsync.bootstrap.metrics;

import static dev.catalogsync.bootstrap.metrics.MetricNames.name;

import com.codahale.metrics.MetricRegistry;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import java.util.Locale;

/**
 * db-scheduler's own statistics as counters, {@code catalog_sync.scheduler.<event>}: its polls
 * ({@code ran_execute_due}), failed heartbeats, dead executions, unexpected errors, and its executions by result
 * ({@code execution_completed}, {@code execution_failed}).
 */
public class DropwizardSchedulerStats implements StatsRegistry {

    private final MetricRegistry registry;

    public DropwizardSchedulerStats(MetricRegistry registry) {
        this.registry = registry;
        for (SchedulerStatsEvent event : SchedulerStatsEvent.values()) {
            counter(event.name());
        }
        counter("execution_completed");
        counter("execution_failed");
    }

    @Override
    public void register(SchedulerStatsEvent event) {
        counter(event.name()).inc();
    }

    @Override
    public void register(CandidateStatsEvent event) {
        counter("candidate_" + event.name()).inc();
    }

    @Override
    public void register(ExecutionStatsEvent event) {
        counter("execution_" + event.name()).inc();
    }

    @Override
    public void registerSingleCompletedExecution(ExecutionComplete completeEvent) {
        // Counted by register(ExecutionStatsEvent) already.
    }

    private com.codahale.metrics.Counter counter(String event) {
        return registry.counter(name(MetricNames.SCHEDULER, event.toLowerCase(Locale.ROOT)));
    }
}
