package dev.catalogsync.bootstrap.cli;

import com.google.inject.Injector;
import dev.catalogsync.application.port.in.PerformSyncWorker;
import dev.catalogsync.application.port.in.WorkerRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "process",
        description = {
            "Performs the sync worker once: under the lease, syncs up to --batch-size pending events.",
            "Prints {\"estimated_total_events\":E,\"consumable_events\":C,\"processed_events\":P,\"reenqueued\":B};"
                    + " processed_events is left out when nothing was consumable, reenqueued says whether the"
                    + " worker would run again. With the feature flag off it processes nothing and says so."})
class ProcessCommand extends DatabaseCommand {

    @Mixin
    BatchSizeOption batchSize;

    @Override
    void validate() {
        batchSize.batchSize();
    }

    @Override
    int run(Injector injector, Database database) {
        WorkerRun run = injector.getInstance(PerformSyncWorker.class).perform(batchSize.batchSize());
        out().println(Json.write(WorkerRunJson.of(run)));
        return 0;
    }
}
