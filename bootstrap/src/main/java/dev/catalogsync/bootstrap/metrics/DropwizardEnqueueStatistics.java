package dev.catalogsync.bootstrap.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Requests to run the worker as counters: by path and outcome ({@code catalog_sync.enqueues.<path>.<outcome>}),
 * and what the queue made of them ({@code catalog_sync.worker.enqueued}, {@code .deduplicated},
 * {@code .rescheduled}).
 */
public class DropwizardEnqueueStatistics implements EnqueueStatistics {

    private final MetricRegistry registry;
    private final Map<QueueOutcome, Counter> queue = new EnumMap<>(QueueOutcome.class);

    public DropwizardEnqueueStatistics(MetricRegistry registry) {
        this.registry = registry;
        queue.put(QueueOutcome.ENQUEUED, registry.counter(MetricNames.WORKER_ENQUEUED));
        queue.put(QueueOutcome.DEDUPLICATED, registry.counter(MetricNames.WORKER_DEDUPLICATED));
        queue.put(QueueOutcome.RESCHEDULED, registry.counter(MetricNames.WORKER_RESCHEDULED));
    }

    @Override
    public void pathDecided(EnqueuePath path, String outcome) {
        registry.counter(MetricNames.name(MetricNames.ENQUEUES, path.label(), outcome))
                .inc();
    }

    @Override
    public void queue(QueueOutcome outcome) {
        queue.get(outcome).inc();
    }

    /** The counts so far, by path and then outcome, for the status page. */
    public SortedMap<String, SortedMap<String, Long>> byPathAndOutcome() {
        SortedMap<String, SortedMap<String, Long>> counts = new TreeMap<>();
        String prefix = MetricNames.ENQUEUES + ".";
        registry.getCounters((name, metric) -> name.startsWith(prefix)).forEach((name, counter) -> {
            String[] pathAndOutcome = name.substring(prefix.length()).split("\\.", 2);
            if (pathAndOutcome.length == 2) {
                counts.computeIfAbsent(pathAndOutcome[0], path -> new TreeMap<>())
                        .put(pathAndOutcome[1], counter.getCount());
            }
        });
        return counts;
    }
}
