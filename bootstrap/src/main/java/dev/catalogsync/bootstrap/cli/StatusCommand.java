package dev.catalogsync.bootstrap.cli;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import com.google.inject.Injector;
import dev.catalogsync.application.port.in.ReportQueueStatus;
import dev.catalogsync.application.port.in.ReportQueueStatus.QueueStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status",
        description = "Shows pending events, the estimated total, the oldest pending event's age, the queue's "
                + "partitions and the feature flag's state.")
class StatusCommand extends DatabaseCommand {

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    int run(Injector injector, Database database) {
        QueueStatus status = injector.getInstance(ReportQueueStatus.class).status();
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("pending_events", status.pendingEvents());
            object.put("estimated_total_events", status.estimatedTotalEvents());
            object.put("oldest_pending_age_seconds", status.oldestPendingAge().toMillis() / 1000.0);
            object.put("partitions", status.partitions());
            object.put(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), status.syncEnabled());
            out().println(Json.write(object));
        } else {
            out().printf("pending events:          %d%n", status.pendingEvents());
            out().printf("estimated total events:  %d%n", status.estimatedTotalEvents());
            out().printf("oldest pending age:      %s%n", status.pendingEvents() == 0 ? "-" : status.oldestPendingAge());
            out().printf("partitions:              %s%n",
                    status.partitions().stream().map(String::valueOf).collect(Collectors.joining(", ")));
            out().printf("%s: %s%n", PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(),
                    status.syncEnabled() ? "enabled" : "disabled");
        }
        return 0;
    }
}
