package dev.catalogsync.bootstrap.cli;

import com.google.inject.Injector;
import dev.catalogsync.application.port.in.DrainSyncEvents;
import dev.catalogsync.application.port.in.WorkerRun;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "drain",
        description = {
            "Performs the sync worker until it asks for no further run: the queue is empty or the flag is off.",
            "Safe beside another drain: the lease serialises them and neither gives up while events remain.",
            "Prints {\"runs\":N,\"processed_events\":P,"
                    + "\"stopped_by\":\"empty_queue\"|\"feature_flag\"|\"interrupted\"};"
                    + " progress goes to stderr when run from a terminal."})
class DrainCommand extends DatabaseCommand {

    @Mixin
    BatchSizeOption batchSize;

    @Override
    void validate() {
        batchSize.batchSize();
    }

    @Override
    int run(Injector injector, Database database) {
        DrainSyncEvents.Listener progress = System.console() == null ? DrainSyncEvents.Listener.NONE : progressTo(err());
        DrainSyncEvents.DrainReport report =
                injector.getInstance(DrainSyncEvents.class).drain(batchSize.batchSize(), progress);
        if (progress != DrainSyncEvents.Listener.NONE) {
            err().println();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runs", report.runs());
        json.put("processed_events", report.processedEvents());
        json.put("stopped_by", stoppedBy(report.stoppedBy()));
        out().println(Json.write(json));
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
