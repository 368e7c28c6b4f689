package dev.catalogsync.application.service;

import static dev.catalogsync.application.flags.FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS;

import dev.catalogsync.application.flags.FeatureFlagStates;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.PerformSyncWorker;
import dev.catalogsync.application.port.in.WorkerRun;
import dev.catalogsync.application.port.out.SyncStatistics;

/** GitLab's {@code ProcessSyncEventsWorker#perform}: the service, gated by the feature flag. */
public class SyncWorker implements PerformSyncWorker {

    private final ProcessSyncEventsService service;
    private final FeatureFlagStates flags;
    private final SyncStatistics statistics;

    public SyncWorker(ProcessSyncEventsService service, FeatureFlagStates flags, SyncStatistics statistics) {
        this.service = service;
        this.flags = flags;
        this.statistics = statistics;
    }

    @Override
    public WorkerRun perform(BatchSize batchSize) {
        if (!flags.isEnabled(PROCESS_CATALOG_RESOURCE_SYNC_EVENTS)) {
            statistics.flagDisabled();
            return new WorkerRun.FlagDisabled();
        }
        return service.execute(batchSize);
    }
}
