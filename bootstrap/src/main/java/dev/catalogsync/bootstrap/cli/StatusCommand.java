package dev.catalogsync.bootstrap.cli;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.in.ReportQueueStatus;
import dev.catalogsync.application.port.out.CronTicks;
import dev.catalogsync.application.port.out.ServiceInstances;
import dev.catalogsync.bootstrap.CatalogSyncService;
import dev.catalogsync.bootstrap.observe.StatusDocument;
import java.time.Clock;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "status",
        description = {
            "Shows pending events, the estimated total, the oldest pending event's age, the queue's partitions, "
                    + "the feature flag's state and its last recorded change, the worker cron's next and last "
                    + "tick, the service instances seen in the last 30 s and the last drift check (reconcile).",
            "Each instance's last worker run and last failure come with its heartbeat (every 10 s).",
            "--json prints what a running service's GET /status answers, less what only that process knows (its "
                    + "recent worker runs, enqueues and rates); each instance's last run and failure are in "
                    + "\"instances\"."
        })
class StatusCommand extends DatabaseCommand {

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    int run(CatalogSyncService sync) {
        StatusDocument status = StatusDocument.fromDatabase(
                sync.port(ReportQueueStatus.class),
                sync.port(ManageFeatureFlags.class),
                sync.port(CronTicks.class),
                sync.port(ServiceInstances.class),
                sync.port(AuditOperations.class),
                PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(),
                sync.port(Clock.class).instant());
        if (json) {
            out().println(status.toJson());
            return 0;
        }
        out().printf("pending events:          %d%n", status.pendingEvents());
        out().printf("estimated total events:  %d%n", status.estimatedTotalEvents());
        out().printf(
                        "oldest pending age:      %s%n",
                        status.pendingEvents() == 0 ? "-" : status.oldestPendingAgeSeconds() + " s");
        out().printf(
                        "partitions:              %s%n",
                        status.partitions().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        out().printf("%s: %s%n", status.flag().name(), status.syncEnabled() ? "enabled" : "disabled");
        StatusDocument.Change change = status.flag().lastChange();
        out().printf(
                        "flag last changed:       %s%n",
                        change == null
                                ? "never (shipped default)"
                                : change.changedAt() + " by " + change.actor() + " (" + change.origin() + "), "
                                        + change.before() + " -> " + change.after());
        out().printf(
                        "worker cron next tick:   %s%n",
                        status.nextCronTick() == null ? "- (no service has run)" : status.nextCronTick());
        out().printf("worker cron last tick:   %s%n", status.lastCronTick() == null ? "-" : status.lastCronTick());
        out().printf(
                        "instances:               %s%n",
                        status.instances().isEmpty()
                                ? "none seen in the last " + StatusDocument.INSTANCE_WINDOW.toSeconds() + " s"
                                : status.instances().stream()
                                        .map(StatusDocument.InstanceView::name)
                                        .collect(Collectors.joining(", ")));
        for (StatusDocument.InstanceView instance : status.instances()) {
            out().printf("  %s last worker run:  %s%n", instance.name(), lastRun(instance.lastWorkerRun()));
            out().printf("  %s last failure:     %s%n", instance.name(), lastFailure(instance.lastFailure()));
        }
        StatusDocument.OperationView check = status.lastDriftCheck();
        out().printf(
                        "last drift check:        %s%n",
                        check == null
                                ? "never"
                                : check.performedAt() + " by " + check.actor() + " (" + check.origin() + "): "
                                        + check.outcome());
        return 0;
    }

    /** E.g. {@code processed at 2026-11-29T23:00:00Z, 1000 events in 0.040 s}. */
    private static String lastRun(JsonNode run) {
        if (run == null) {
            return "none yet";
        }
        String line = run.path("outcome").asText("?") + " at "
                + run.path("started_at").asText("?");
        if (run.hasNonNull("processed_events")) {
            line += ", " + run.get("processed_events").asLong() + " events";
        }
        return line
                + String.format(
                        Locale.ROOT, " in %.3f s", run.path("duration_seconds").asDouble());
    }

    private static String lastFailure(JsonNode failure) {
        return failure == null
                ? "none"
                : failure.path("at").asText("?") + ": "
                        + failure.path("message").asText("?");
    }
}
