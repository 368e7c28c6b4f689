package dev.catalogsync.adapters.scheduler.inbound.console;

import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.RouteResponse;
import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.EnqueueStatistics.EnqueuePath;
import dev.catalogsync.application.port.out.Operation;
import dev.catalogsync.application.port.out.WorkerQueue;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /actions/enqueue-worker} {@code {"actor": "alice"}}: asks for a run of the worker now, as the cron
 * does, whatever the flag says (the run then does nothing while it is off); the queue's deduplication applies as
 * to any other path. Counted under the path {@code console}, recorded as an operation. 202
 * {@code {"outcome":"enqueued"}}.
 */
public final class EnqueueWorkerAction extends Action {

    public static final String PATH = "/actions/enqueue-worker";

    private final WorkerQueue queue;
    private final EnqueueStatistics statistics;
    private final AuditOperations audit;

    public EnqueueWorkerAction(WorkerQueue queue, EnqueueStatistics statistics, AuditOperations audit) {
        super("the enqueue of the worker", Set.of());
        this.queue = Objects.requireNonNull(queue, "queue");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public static HttpRoute route(WorkerQueue queue, EnqueueStatistics statistics, AuditOperations audit) {
        return HttpRoute.post(PATH, ActionRequest.MAX_BODY_BYTES, new EnqueueWorkerAction(queue, statistics, audit));
    }

    @Override
    RouteResponse perform(ActionRequest request) throws ActionRequest.MalformedActionException {
        ChangedBy changedBy = request.changedBy();
        try {
            queue.enqueue();
        } catch (RuntimeException e) {
            statistics.pathDecided(EnqueuePath.CONSOLE, "failed");
            throw e;
        }
        statistics.pathDecided(EnqueuePath.CONSOLE, "enqueued");
        audit.record(Operation.Kind.ENQUEUE_WORKER, changedBy, "enqueued");
        return RouteResponse.json(202, Map.of("outcome", "enqueued"));
    }
}
