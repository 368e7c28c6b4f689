package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.application.port.in.DrainSyncEvents;
import dev.catalogsync.application.port.in.WorkerRun;
import dev.catalogsync.bootstrap.CatalogSyncService;
import java.io.PrintWriter;
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
        DrainSyncEvents.Listener progress =
                System.console() == null ? DrainSyncEvents.Listener.NONE : progressTo(err());
        DrainSyncEvents.DrainReport report = sync.port(DrainSyncEvents.class).drain(batchSize.value, progress);
        if (progress != DrainSyncEvents.Listener.NONE) {
            err().println();
        }
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

    private static DrainSyncEvents.Listener progressTo(PrintWriter err) {
        return (run, processedSoFar) -> {
            String remaining = run instanceof WorkerRun.Processed processed
                    ? ", about " + processed.result().estimatedTotalEvents() + " pending before this batch"
                    : "";
            err.print("\rprocessed " + processedSoFar + " events" + remaining + "   ");
            err.flush();
        };
    }
}
