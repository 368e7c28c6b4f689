package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.application.port.in.PerformSyncWorker;
import dev.catalogsync.bootstrap.CatalogSyncService;
import dev.catalogsync.domain.WorkerRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "process",
        description = {
            "Performs the sync worker once: under the lease, syncs up to --batch-size pending events.",
            "Prints {\"estimated_total_events\":E,\"consumable_events\":C,\"processed_events\":P,\"reenqueued\":B};"
                    + " processed_events is left out when nothing was consumable, reenqueued says whether the"
                    + " worker would run again. With the feature flag off, the lease held by another run, or the"
                    + " lease lost before the batch was written (paused past its minute), it writes nothing and says"
                    + " so in {\"skipped\":...}."
        })
class ProcessCommand extends DatabaseCommand {

    @Mixin
    BatchSizeOption batchSize;

    @Override
    int run(CatalogSyncService sync) {
        WorkerRun run = sync.port(PerformSyncWorker.class).perform(batchSize.value);
        printJson(WorkerRunOutput.of(run));
        return 0;
    }
}
