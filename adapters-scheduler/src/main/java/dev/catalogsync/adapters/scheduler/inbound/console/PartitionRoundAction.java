package dev.catalogsync.adapters.scheduler.inbound.console;

import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.RouteResponse;
import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.in.MaintainQueuePartitions;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.Completed;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.MaintenanceRound;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.Operation;
import dev.catalogsync.domain.partitioning.PartitionStep;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /actions/partition-round} {@code {"actor": "alice"}}: one partition round now, as
 * {@code partitions sync} does with the service's policy, recorded as an operation. 200 with what it did, as
 * {@code partitions sync} prints it, or {@code {"outcome":"other_round_running"}}.
 */
public final class PartitionRoundAction extends Action {

    public static final String PATH = "/actions/partition-round";

    private final MaintainQueuePartitions partitions;
    private final SlidingListPolicy policy;
    private final AuditOperations audit;
    private final Runnable afterRound;

    /** @param afterRound told after each round, e.g. to read the partitions afresh */
    public PartitionRoundAction(
            MaintainQueuePartitions partitions, SlidingListPolicy policy, AuditOperations audit, Runnable afterRound) {
        super("the partition round", Set.of());
        this.partitions = Objects.requireNonNull(partitions, "partitions");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.afterRound = Objects.requireNonNull(afterRound, "afterRound");
    }

    public static HttpRoute route(
            MaintainQueuePartitions partitions, SlidingListPolicy policy, AuditOperations audit, Runnable afterRound) {
        return HttpRoute.post(
                PATH, ActionRequest.MAX_BODY_BYTES, new PartitionRoundAction(partitions, policy, audit, afterRound));
    }

    @Override
    RouteResponse perform(ActionRequest request) throws ActionRequest.MalformedActionException {
        ChangedBy changedBy = request.changedBy();
        MaintenanceRound round = partitions.maintain(policy);
        afterRound.run();
        Map<String, Object> answer = new LinkedHashMap<>();
        if (round instanceof Completed completed) {
            answer.put("outcome", "completed");
            answer.put("created", completed.valuesDone(PartitionStep.CreateAndActivate.class));
            answer.put("activated", completed.valuesDone(PartitionStep.Activate.class));
            answer.put("detached", completed.valuesDone(PartitionStep.Detach.class));
            answer.put("dropped", completed.valuesDone(PartitionStep.Drop.class));
            answer.put(
                    "skipped",
                    completed.skipped().stream()
                            .map(skipped -> Map.of(
                                    "step", skipped.step().action(),
                                    "partition", skipped.step().value(),
                                    "reason", skipped.reason()))
                            .toList());
            answer.put("active_partition", completed.activePartition());
        } else {
            answer.put("outcome", "other_round_running");
        }
        audit.record(Operation.Kind.PARTITION_ROUND, changedBy, summary(answer));
        return RouteResponse.json(200, answer);
    }

    private static String summary(Map<String, Object> answer) {
        StringBuilder line = new StringBuilder(String.valueOf(answer.get("outcome")));
        for (String key : List.of("created", "activated", "detached", "dropped")) {
            if (answer.get(key) instanceof List<?> values && !values.isEmpty()) {
                line.append(' ').append(key).append('=').append(values);
            }
        }
        if (answer.get("skipped") instanceof List<?> skipped && !skipped.isEmpty()) {
            line.append(" skipped=").append(skipped.size());
        }
        if (answer.containsKey("active_partition")) {
            line.append(" active=").append(answer.get("active_partition"));
        }
        return line.toString();
    }
}
