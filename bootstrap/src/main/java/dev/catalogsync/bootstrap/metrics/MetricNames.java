package dev.catalogsync.bootstrap.metrics;

/**
 * The names of the service's metrics in the Dropwizard registry. Prometheus turns the dots into underscores and
 * adds {@code _total} to counters; a name ending in {@code .*} carries a label there (see
 * {@link PrometheusEndpoint}). Dashboards, alerts and other tools rely on these names: keep them.
 */
public final class MetricNames {

    /** Gauge: GitLab's estimated total of pending events, max(id) - min(id) + 1; sampled every few seconds. */
    public static final String EVENTS_PENDING = "catalog_sync.events.pending";

    /** Gauge: seconds the oldest pending event has waited; 0 when none is pending. */
    public static final String EVENTS_OLDEST_PENDING_AGE = "catalog_sync.events.oldest_pending_age_seconds";

    /** Meter: events marked processed by this process's runs. */
    public static final String EVENTS_PROCESSED = "catalog_sync.events.processed";

    /** Timer: one per perform of the worker, whatever its outcome. */
    public static final String WORKER_DURATION = "catalog_sync.worker.duration";

    /** Counter: runs queued by an enqueue (nothing was queued or executing). */
    public static final String WORKER_ENQUEUED = "catalog_sync.worker.enqueued";

    /** Counter: enqueues dropped because a run was queued or executing. */
    public static final String WORKER_DEDUPLICATED = "catalog_sync.worker.deduplicated";

    /** Counter: runs made once more after an executing one, for the enqueues dropped meanwhile. */
    public static final String WORKER_RESCHEDULED = "catalog_sync.worker.rescheduled";

    /** Counters by reason ({@code flag_off}, {@code lease_taken}): performs that processed nothing. */
    public static final String WORKER_SKIPPED = "catalog_sync.worker.skipped";

    /** Counter: performs that failed (the database did not answer, most likely). */
    public static final String WORKER_FAILED = "catalog_sync.worker.failed";

    /** Histogram: events taken by each pass under the lease. */
    public static final String WORKER_CONSUMABLE_EVENTS = "catalog_sync.worker.consumable_events";

    /** Gauge 0/1: whether some run, in any process, holds the worker's lease; sampled. */
    public static final String LEASE_HELD = "catalog_sync.lease.held";

    /** Gauge 0/1: {@code ci_process_catalog_resource_sync_events}; sampled. */
    public static final String FEATURE_ENABLED = "catalog_sync.feature.enabled";

    /** Gauge: seconds since the worker's cron last fired anywhere in the cluster; -1 before its first tick. */
    public static final String CRON_LAST_RUN_AGE = "catalog_sync.cron.last_run_age_seconds";

    /** Gauge: seconds since the last successful sample of the queue (the database answered). */
    public static final String SAMPLE_AGE = "catalog_sync.sample.age_seconds";

    /** Counters by path and outcome: {@code catalog_sync.enqueues.<path>.<outcome>}. */
    public static final String ENQUEUES = "catalog_sync.enqueues";

    /** Counters by step ({@code created}, {@code activated}, {@code detached}, {@code dropped}, {@code skipped}). */
    public static final String PARTITION_STEPS = "catalog_sync.partitions.steps";

    /** Counter: partition rounds run by this process. */
    public static final String PARTITION_ROUNDS = "catalog_sync.partitions.rounds";

    /** Counters by event: db-scheduler's own statistics, {@code catalog_sync.scheduler.<event>}. */
    public static final String SCHEDULER = "catalog_sync.scheduler";

    private MetricNames() {}

    /** {@code prefix.part.part...} */
    public static String name(String prefix, String... parts) {
        return String.join(".", prefix, String.join(".", parts));
    }
}
