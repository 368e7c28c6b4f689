package dev.catalogsync.bootstrap.cli;

import com.google.inject.Injector;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.ReconcileMirror;
import dev.catalogsync.application.port.in.ReconcileMirror.ReconcileReport;
import dev.catalogsync.application.port.in.ReconcileMirror.ReconcileRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "reconcile",
        description = {
            "Compares every catalog resource with its project and counts those whose name,",
            "description or visibility_level differ: drift left by updates written by hand,",
            "made with the trigger disabled, or whose sync event is still pending. Works in",
            "pages of --batch-size resources by id, one short statement each. With --repair,",
            "queues a sync event for each drifted resource; the worker then fixes them under",
            "the lease and the feature flag. Prints {\"checked\":N,\"drifted\":D}, plus",
            "\"queued\":Q with --repair."})
class ReconcileCommand extends DatabaseCommand {

    @Option(names = "--repair", description = "Queue a sync event for each drifted catalog resource.")
    boolean repair;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
            description = "Most catalog resources one statement compares (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    void validate() {
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, was " + batchSize);
        }
    }

    @Override
    int run(Injector injector, Database database) {
        BatchSize pageSize = new BatchSize(batchSize);
        ReconcileRequest request = repair ? ReconcileRequest.repair(pageSize) : ReconcileRequest.check(pageSize);
        ReconcileReport report = injector.getInstance(ReconcileMirror.class).reconcile(request);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("checked", report.checked());
        json.put("drifted", report.drifted());
        if (repair) {
            json.put("queued", report.queued());
        }
        out().println(Json.write(json));
        return 0;
    }
}
