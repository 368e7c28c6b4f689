package dev.catalogsync.bootstrap.cli;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.WorkerRun;

/**
 * One perform of the worker as {@code process} prints it: GitLab's results hash ({@code processed_events} left
 * out when nothing was consumable), or why it was skipped, and whether it asked for another run.
 */
record WorkerRunOutput(
        Long estimatedTotalEvents,
        Integer consumableEvents,
        Integer processedEvents,
        String skipped,
        boolean reenqueued) {

    static WorkerRunOutput of(WorkerRun run) {
        if (run instanceof WorkerRun.Processed processed) {
            BatchResult result = processed.result();
            return new WorkerRunOutput(
                    result.estimatedTotalEvents(),
                    result.consumableEvents(),
                    result.processedEvents().isPresent()
                            ? result.processedEvents().getAsInt()
                            : null,
                    null,
                    run.reenqueued());
        }
        String skipped;
        if (run instanceof WorkerRun.LeaseBusy) {
            skipped = "the lease is held by another run";
        } else if (run instanceof WorkerRun.LeaseLost) {
            skipped = "the lease was lost before the batch was written (paused past its time to live); nothing written";
        } else {
            skipped = "feature flag " + PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name() + " is disabled";
        }
        return new WorkerRunOutput(null, null, null, skipped, run.reenqueued());
    }
}
