package dev.catalogsync.bootstrap.observe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.in.ListQueuePartitions.PartitionOverview;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.in.ReportQueueStatus;
import dev.catalogsync.application.port.in.ReportQueueStatus.QueueStatus;
import dev.catalogsync.application.port.out.CronTicks;
import dev.catalogsync.application.port.out.FlagChange;
import dev.catalogsync.application.port.out.Operation;
import dev.catalogsync.application.port.out.ServiceInstances;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code status --json} prints and {@code GET /status} answers: the queue's figures, the flag and who changed
 * it last, the cron's ticks, the instances working on the database, the last drift check and the latest operations;
 * the service adds its name, its last worker runs, its last failure, its enqueues by path and outcome, the events it
 * processed per second over the last 15 minutes and the partitions in detail. Field names are snake case and fields
 * without a value are left out. A stable contract for consoles and scripts: add fields, never rename them.
 *
 * @param generatedAt when the document was made (ISO-8601)
 * @param pendingEvents exact count of pending events
 * @param syncEnabled the flag's state under its own name
 * @param flag the flag, and its last recorded change
 * @param nextCronTick when the worker cron fires next (ISO-8601), anywhere in the cluster
 * @param lastCronTick when it last fired
 * @param instances the services that said they were alive within {@link #INSTANCE_WINDOW}, the one seen last first,
 *     each with its last worker run and last failure (what {@code status} on the command line shows of them)
 * @param lastDriftCheck the newest reconcile, wherever it ran
 * @param recentOperations the newest partition rounds, reconciles and enqueues asked for by hand, newest first
 * @param instance the name of the instance that answers (service only)
 * @param leaseHeld whether a run holds the worker's lease (service only: from the last sample)
 * @param lastWorkerRun this process's last perform (service only)
 * @param lastFailure this process's last failed perform (service only)
 * @param recentWorkerRuns this process's last performs, newest first (service only)
 * @param enqueues requests to run the worker by path and outcome since start (service only)
 * @param processedPerSecond events this process processed per second, interval by interval (service only)
 * @param partitionDetails each partition with its exact counts, read at most every 30 seconds (service only)
 */
public record StatusDocument(
        String generatedAt,
        long pendingEvents,
        long estimatedTotalEvents,
        double oldestPendingAgeSeconds,
        List<Long> partitions,

        @JsonProperty("ci_process_catalog_resource_sync_events")
        boolean syncEnabled,

        Flag flag,
        String nextCronTick,
        String lastCronTick,
        List<InstanceView> instances,
        OperationView lastDriftCheck,
        List<OperationView> recentOperations,
        String instance,
        Boolean leaseHeld,
        WorkerRunLog.Run lastWorkerRun,
        WorkerRunLog.Failure lastFailure,
        List<WorkerRunLog.Run> recentWorkerRuns,
        Map<String, ? extends Map<String, Long>> enqueues,
        ProcessedRate.History processedPerSecond,
        PartitionDetails partitionDetails) {

    /** An instance is listed while its last heartbeat is at most this old (three heartbeats). */
    public static final Duration INSTANCE_WINDOW = Duration.ofSeconds(30);

    /** How many operations the document lists. */
    public static final int OPERATIONS_LISTED = 5;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** The flag's state, and its last change if one was recorded. */
    public record Flag(String name, boolean enabled, boolean overridden, Change lastChange) {}

    /** One recorded change; {@code before} and {@code after} are {@code enabled}, {@code disabled} or {@code default}. */
    public record Change(String before, String after, String actor, String origin, String changedAt) {

        public static Change of(FlagChange change) {
            return new Change(
                    change.before().name().toLowerCase(Locale.ROOT),
                    change.after().name().toLowerCase(Locale.ROOT),
                    change.changedBy().actor(),
                    change.changedBy().origin(),
                    change.changedAt().toString());
        }
    }

    /**
     * A service instance: its name (host and process id), when it started and was last seen, what it runs now, and
     * its last worker run and last failure as its heartbeat carried them (a document that is not JSON is left out).
     */
    public record InstanceView(
            String name,
            String startedAt,
            String lastSeenAt,
            List<String> running,
            JsonNode lastWorkerRun,
            JsonNode lastFailure) {

        static InstanceView of(ServiceInstances.Instance instance) {
            return new InstanceView(
                    instance.name(),
                    instance.startedAt().toString(),
                    instance.lastSeenAt().toString(),
                    instance.running(),
                    object(instance.activity().lastWorkerRun()),
                    object(instance.activity().lastFailure()));
        }

        private static JsonNode object(Optional<String> document) {
            try {
                JsonNode node = document.isEmpty() ? null : JSON.readTree(document.get());
                return node != null && node.isObject() ? node : null;
            } catch (JsonProcessingException e) {
                return null;
            }
        }
    }

    /** What a heartbeat tells of this process's work: its last worker run and last failure, as this document shows them. */
    public static ServiceInstances.Activity activityOf(WorkerRunLog runs) {
        return new ServiceInstances.Activity(
                runs.last().map(StatusDocument::json), runs.lastFailure().map(StatusDocument::json));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    /** One recorded operation. */
    public record OperationView(String kind, String actor, String origin, String performedAt, String outcome) {

        static OperationView of(Operation operation) {
            return new OperationView(
                    operation.kind().label(),
                    operation.changedBy().actor(),
                    operation.changedBy().origin(),
                    operation.performedAt().toString(),
                    operation.outcome());
        }
    }

    /**
     * The partitions in detail, as {@code partitions list} shows them.
     *
     * @param readAt when the counts were read
     */
    public record PartitionDetails(
            String readAt, long activePartition, List<AttachedView> attached, List<DetachedView> detached) {

        public static PartitionDetails of(PartitionOverview overview, Instant readAt) {
            return new PartitionDetails(
                    readAt.toString(),
                    overview.activePartition(),
                    overview.attached().stream()
                            .map(figures -> new AttachedView(
                                    figures.partition().value(),
                                    figures.active() ? "active" : "attached",
                                    figures.pendingEvents(),
                                    figures.processedEvents(),
                                    figures.partition()
                                            .oldestRecordCreatedAt()
                                            .map(Instant::toString)
                                            .orElse(null)))
                            .toList(),
                    overview.detached().stream()
                            .map(detached -> new DetachedView(
                                    detached.value(), detached.detachedAt().toString()))
                            .toList());
        }
    }

    /** An attached partition; {@code state} is {@code active} or {@code attached}. */
    public record AttachedView(
            long value, String state, long pendingEvents, long processedEvents, String oldestEventAt) {}

    /** A detached partition awaiting its drop. */
    public record DetachedView(long value, String detachedAt) {}

    /** What only the running service knows. */
    public record ServiceView(
            String instance,
            Boolean leaseHeld,
            WorkerRunLog runs,
            Map<String, ? extends Map<String, Long>> enqueues,
            ProcessedRate.History processedPerSecond,
            PartitionDetails partitionDetails) {}

    /** The part every process can tell from the database alone: what {@code status --json} prints. */
    public static StatusDocument fromDatabase(
            ReportQueueStatus queue,
            ManageFeatureFlags flags,
            CronTicks cron,
            ServiceInstances instances,
            AuditOperations operations,
            String flagName,
            Instant now) {
        QueueStatus status = queue.status();
        ManageFeatureFlags.FlagState state = flags.get(flagName);
        Flag flag = new Flag(
                flagName,
                state.enabled(),
                state.overridden(),
                flags.history(flagName, 1).stream().findFirst().map(Change::of).orElse(null));
        Optional<CronTicks.Ticks> ticks = cron.workerCron();
        return new StatusDocument(
                now.toString(),
                status.pendingEvents(),
                status.estimatedTotalEvents(),
                status.oldestPendingAge().toMillis() / 1000.0,
                status.partitions(),
                status.syncEnabled(),
                flag,
                ticks.map(t -> t.next().toString()).orElse(null),
                ticks.flatMap(CronTicks.Ticks::lastRun).map(Instant::toString).orElse(null),
                instances.seenWithin(INSTANCE_WINDOW).stream()
                        .map(InstanceView::of)
                        .toList(),
                operations.last(Operation.Kind.RECONCILE).map(OperationView::of).orElse(null),
                operations.recent(OPERATIONS_LISTED).stream()
                        .map(OperationView::of)
                        .toList(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** This document with what only the running service knows. */
    public StatusDocument withService(ServiceView service) {
        WorkerRunLog runs = service.runs();
        return new StatusDocument(
                generatedAt,
                pendingEvents,
                estimatedTotalEvents,
                oldestPendingAgeSeconds,
                partitions,
                syncEnabled,
                flag,
                nextCronTick,
                lastCronTick,
                instances,
                lastDriftCheck,
                recentOperations,
                service.instance(),
                service.leaseHeld(),
                runs.last().orElse(null),
                runs.lastFailure().orElse(null),
                runs.recent(),
                service.enqueues(),
                service.processedPerSecond(),
                service.partitionDetails());
    }

    public String toJson() {
        return json(this);
    }
}
