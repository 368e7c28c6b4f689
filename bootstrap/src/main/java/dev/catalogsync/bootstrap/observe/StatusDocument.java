package dev.catalogsync.bootstrap.observe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.in.ReportQueueStatus;
import dev.catalogsync.application.port.in.ReportQueueStatus.QueueStatus;
import dev.catalogsync.application.port.out.CronTicks;
import dev.catalogsync.application.port.out.FlagChange;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code status --json} prints and {@code GET /status} answers: the queue's figures, the flag and who changed
 * it last, the cron's ticks; the service adds its last worker runs, its last failure and its enqueues by path and
 * outcome. Field names are snake case and fields without a value are left out. A stable contract for consoles and
 * scripts: add fields, never rename them.
 *
 * @param pendingEvents exact count of pending events
 * @param syncEnabled the flag's state under its own name
 * @param flag the flag, and its last recorded change
 * @param nextCronTick when the worker cron fires next (ISO-8601), anywhere in the cluster
 * @param lastCronTick when it last fired
 * @param leaseHeld whether a run holds the worker's lease (service only: from the last sample)
 * @param lastWorkerRun this process's last perform (service only)
 * @param lastFailure this process's last failed perform (service only)
 * @param recentWorkerRuns this process's last performs, newest first (service only)
 * @param enqueues requests to run the worker by path and outcome since start (service only)
 */
public record StatusDocument(
        long pendingEvents,
        long estimatedTotalEvents,
        double oldestPendingAgeSeconds,
        List<Long> partitions,

        @JsonProperty("ci_process_catalog_resource_sync_events")
        boolean syncEnabled,

        Flag flag,
        String nextCronTick,
        String lastCronTick,
        Boolean leaseHeld,
        WorkerRunLog.Run lastWorkerRun,
        WorkerRunLog.Failure lastFailure,
        List<WorkerRunLog.Run> recentWorkerRuns,
        Map<String, ? extends Map<String, Long>> enqueues) {

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

    /** The part every process can tell from the database alone: what {@code status --json} prints. */
    public static StatusDocument fromDatabase(
            ReportQueueStatus queue, ManageFeatureFlags flags, CronTicks cron, String flagName) {
        QueueStatus status = queue.status();
        ManageFeatureFlags.FlagState state = flags.get(flagName);
        Flag flag = new Flag(
                flagName,
                state.enabled(),
                state.overridden(),
                flags.history(flagName, 1).stream().findFirst().map(Change::of).orElse(null));
        Optional<CronTicks.Ticks> ticks = cron.workerCron();
        return new StatusDocument(
                status.pendingEvents(),
                status.estimatedTotalEvents(),
                status.oldestPendingAge().toMillis() / 1000.0,
                status.partitions(),
                status.syncEnabled(),
                flag,
                ticks.map(t -> t.next().toString()).orElse(null),
                ticks.flatMap(CronTicks.Ticks::lastRun).map(Instant::toString).orElse(null),
                null,
                null,
                null,
                null,
                null);
    }

    /** This document with what only the running service knows. */
    public StatusDocument withService(
            Boolean lease, WorkerRunLog runs, Map<String, ? extends Map<String, Long>> enqueueCounts) {
        return new StatusDocument(
                pendingEvents,
                estimatedTotalEvents,
                oldestPendingAgeSeconds,
                partitions,
                syncEnabled,
                flag,
                nextCronTick,
                lastCronTick,
                lease,
                runs.last().orElse(null),
                runs.lastFailure().orElse(null),
                runs.recent(),
                enqueueCounts);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status as JSON", e);
        }
    }
}
