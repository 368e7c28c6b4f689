package dev.catalogsync.bootstrap.cli;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.application.port.in.WorkerRun;
import dev.catalogsync.domain.BatchResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The worker's figures as GitLab logs them, plus whether it asked for another run. */
final class WorkerRunJson {

    private WorkerRunJson() {
    }

    static Map<String, Object> of(WorkerRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (run instanceof WorkerRun.Processed processed) {
            BatchResult result = processed.result();
            json.put("estimated_total_events", result.estimatedTotalEvents());
            json.put("consumable_events", result.consumableEvents());
            result.processedEvents().ifPresent(count -> json.put("processed_events", count));
        } else if (run instanceof WorkerRun.LeaseBusy) {
            json.put("skipped", "the lease is held by another run");
        } else {
            json.put("skipped", "feature flag " + PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name() + " is disabled");
        }
        json.put("reenqueued", run.reenqueued());
        return json;
    }
}
