package dev.catalogsync.bootstrap.cli;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.catalogsync.application.port.in.ReportQueueStatus;
import dev.catalogsync.application.port.in.ReportQueueStatus.QueueStatus;
import dev.catalogsync.bootstrap.CatalogSyncService;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "status",
        description = "Shows pending events, the estimated total, the oldest pending event's age, the queue's "
                + "partitions and the feature flag's state.")
class StatusCommand extends DatabaseCommand {

    /** What {@code status --json} prints; the flag's state under the flag's own name. */
    record Output(
            long pendingEvents,
            long estimatedTotalEvents,
            double oldestPendingAgeSeconds,
            List<Long> partitions,

            @JsonProperty("ci_process_catalog_resource_sync_events")
            boolean syncEnabled) {

        static Output of(QueueStatus status) {
            return new Output(
                    status.pendingEvents(),
                    status.estimatedTotalEvents(),
                    status.oldestPendingAge().toMillis() / 1000.0,
                    status.partitions(),
                    status.syncEnabled());
        }
    }

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    int run(CatalogSyncService sync) {
        QueueStatus status = sync.port(ReportQueueStatus.class).status();
        if (json) {
            printJson(Output.of(status));
        } else {
            out().printf("pending events:          %d%n", status.pendingEvents());
            out().printf("estimated total events:  %d%n", status.estimatedTotalEvents());
            out().printf(
                            "oldest pending age:      %s%n",
                            status.pendingEvents() == 0 ? "-" : status.oldestPendingAge());
            out().printf(
                            "partitions:              %s%n",
                            status.partitions().stream().map(String::valueOf).collect(Collectors.joining(", ")));
            out().printf(
                            "%s: %s%n",
                            PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(), status.syncEnabled() ? "enabled" : "disabled");
        }
        return 0;
    }
}
