package dev.catalogsync.adapters.scheduler.inbound.console;

import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.RouteResponse;
import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.ReconcileMirror;
import dev.catalogsync.application.port.in.ReconcileMirror.ReconcileReport;
import dev.catalogsync.application.port.in.ReconcileMirror.ReconcileRequest;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.Operation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /actions/reconcile} {@code {"repair": false, "actor": "alice"}}: compares every catalog resource with
 * its project now, as {@code reconcile} does ({@code "repair": true}: {@code reconcile --repair}), recorded as an
 * operation, which is the last drift check every instance shows. 200 with {@code checked}, {@code drifted},
 * {@code queued} and {@code repair}.
 */
public final class ReconcileAction extends Action {

    public static final String PATH = "/actions/reconcile";

    private final ReconcileMirror reconcile;
    private final AuditOperations audit;

    public ReconcileAction(ReconcileMirror reconcile, AuditOperations audit) {
        super("the reconcile", Set.of("repair"));
        this.reconcile = Objects.requireNonNull(reconcile, "reconcile");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public static HttpRoute route(ReconcileMirror reconcile, AuditOperations audit) {
        return HttpRoute.post(PATH, ActionRequest.MAX_BODY_BYTES, new ReconcileAction(reconcile, audit));
    }

    /** The one line an operation of a reconcile records: {@code checked=N drifted=D queued=Q}, and {@code repair}. */
    public static String outcome(ReconcileReport report, boolean repair) {
        return "checked=" + report.checked() + " drifted=" + report.drifted() + " queued=" + report.queued()
                + (repair ? " (repair)" : "");
    }

    @Override
    RouteResponse perform(ActionRequest request) throws ActionRequest.MalformedActionException {
        boolean repair = request.flag("repair", Optional.of(false));
        ChangedBy changedBy = request.changedBy();
        ReconcileReport report = reconcile.reconcile(
                repair ? ReconcileRequest.repair(BatchSize.DEFAULT) : ReconcileRequest.check(BatchSize.DEFAULT));
        audit.record(Operation.Kind.RECONCILE, changedBy, outcome(report, repair));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("checked", report.checked());
        answer.put("drifted", report.drifted());
        answer.put("queued", report.queued());
        answer.put("repair", repair);
        return RouteResponse.json(200, answer);
    }
}
