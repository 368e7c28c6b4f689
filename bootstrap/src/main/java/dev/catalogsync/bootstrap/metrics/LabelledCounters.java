package dev.catalogsync.bootstrap.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The counters kept one per reason, path or step in Dropwizard (which has no labels), as one Prometheus counter
 * family each with labels: {@code catalog_sync.worker.skipped.lease_taken} becomes
 * {@code catalog_sync_worker_skipped_total{reason="lease_taken"}}. A counter whose name has more or fewer parts
 * than the family has labels is left out.
 */
final class LabelledCounters implements MultiCollector {

    /** A family: the Dropwizard prefix, and the labels its name's remaining parts fill, in order. */
    record Family(String prefix, List<String> labels, String help) {

        boolean contains(String name) {
            return name.startsWith(prefix + ".");
        }
    }

    static final List<Family> FAMILIES = List.of(
            new Family(MetricNames.WORKER_SKIPPED, List.of("reason"), "Performs that processed nothing, by reason"),
            new Family(
                    MetricNames.ENQUEUES,
                    List.of("path", "outcome"),
                    "Requests to run the worker, by path (callback, poll, cron, worker) and outcome"),
            new Family(MetricNames.PARTITION_STEPS, List.of("step"), "Partition round steps, by kind"),
            new Family(MetricNames.SCHEDULER, List.of("event"), "db-scheduler's own statistics, by event"));

    private final MetricRegistry registry;

    LabelledCounters(MetricRegistry registry) {
        this.registry = registry;
    }

    /** Whether a Dropwizard metric belongs to a labelled family (and so is not exported on its own). */
    static boolean isLabelled(String name) {
        return FAMILIES.stream().anyMatch(family -> family.contains(name));
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        for (Family family : FAMILIES) {
            SortedMap<String, Counter> counters = registry.getCounters((name, metric) -> family.contains(name));
            if (counters.isEmpty()) {
                continue;
            }
            CounterSnapshot.Builder snapshot = CounterSnapshot.builder()
                    .name(family.prefix().replace('.', '_'))
                    .help(family.help());
            for (Map.Entry<String, Counter> counter : counters.entrySet()) {
                String[] values =
                        counter.getKey().substring(family.prefix().length() + 1).split("\\.");
                if (values.length == family.labels().size()) {
                    snapshot.dataPoint(CounterDataPointSnapshot.builder()
                            .labels(Labels.of(family.labels(), List.of(values)))
                            .value(counter.getValue().getCount())
                            .build());
                }
            }
            snapshots.metricSnapshot(snapshot.build());
        }
        return snapshots.build();
    }
}
