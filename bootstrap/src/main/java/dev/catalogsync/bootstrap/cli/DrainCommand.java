package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.application.port.in.DrainSyncEvents;
import dev.catalogsync.bootstrap.CatalogSyncService;
import dev.catalogsync.domain.WorkerRun;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "drain",
        description = {
            "Performs the sync worker until it asks for no further run: the queue is empty or the flag is off.",
            "Safe beside another drain: the lease serialises them and neither gives up while events remain.",
            "Prints {\"runs\":N,\"processed_events\":P,"
                    + "\"stopped_by\":\"empty_queue\"|\"feature_flag\"|\"interrupted\"};"
                    + " progress goes to stderr when run from a terminal."
        })
class DrainCommand extends DatabaseCommand {

    /** What {@code drain} prints. */
    record Output(int runs, long processedEvents, String stoppedBy) {}

    @Mixin
    BatchSizeOption batchSize;

    @Override
    int run(CatalogSyncService sync) {
        Optional<ProgressLine> line = ProgressLine.onTerminal(err());
        DrainSyncEvents.DrainReport report = sync.port(DrainSyncEvents.class)
                .drain(batchSize.value, line.map(DrainCommand::progressOn).orElse(DrainSyncEvents.Listener.NONE));
        line.ifPresent(ProgressLine::end);
        printJson(new Output(report.runs(), report.processedEvents(), stoppedBy(report.stoppedBy())));
        return 0;
    }

    /** Spelled out rather than derived from the constants' names: the words are part of the CLI's output. */
    private static String stoppedBy(DrainSyncEvents.StopReason reason) {
        return switch (reason) {
            case EMPTY_QUEUE -> "empty_queue";
            case FEATURE_FLAG -> "feature_flag";
            case INTERRUPTED -> "interrupted";
        };
    }

    /** Events processed, their rate since the start, and about how many remain. */
    private static DrainSyncEvents.Listener progressOn(ProgressLine line) {
        return (run, processedSoFar) -> {
            String remaining = run instanceof WorkerRun.Processed processed
                    ? ", about "
                            + Math.max(
                                    0,
                                    processed.result().estimatedTotalEvents()
                                            - processed.result().consumableEvents())
                            + " remaining"
                    : "";
            line.show(String.format(
                    Locale.ROOT,
                    "processed %d events, %.0f events/s%s",
                    processedSoFar,
                    processedSoFar / line.seconds(),
                    remaining));
        };
    }
}
