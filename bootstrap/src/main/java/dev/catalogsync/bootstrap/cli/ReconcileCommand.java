package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.adapters.scheduler.inbound.console.ReconcileAction;
import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.ReconcileMirror;
import dev.catalogsync.application.port.in.ReconcileMirror.ReconcileReport;
import dev.catalogsync.application.port.in.ReconcileMirror.ReconcileRequest;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.Operation;
import dev.catalogsync.bootstrap.CatalogSyncService;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "reconcile",
        description = {
            "Compares every catalog resource with its project and counts those whose name, description or "
                    + "visibility_level differ.",
            "That is drift left by updates written by hand, made with the trigger disabled, or whose sync event is "
                    + "still pending. Works in pages of --batch-size resources by id, one short statement each. With "
                    + "--repair, queues a sync event for each drifted resource; the worker then fixes them under the "
                    + "lease and the feature flag. Prints {\"checked\":N,\"drifted\":D}, plus \"queued\":Q with "
                    + "--repair. Each run is recorded, as the last drift check that 'status' and the console show; a "
                    + "read-only role (docs/installing.md) still gets the figures, and a warning that the run was not "
                    + "recorded. Progress goes to stderr when run from a terminal."
        })
class ReconcileCommand extends DatabaseCommand {

    /** What {@code reconcile} prints; {@code queued} only with {@code --repair}. */
    record Output(long checked, long drifted, Long queued) {}

    @Option(names = "--repair", description = "Queue a sync event for each drifted catalog resource.")
    boolean repair;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "1000",
            converter = BatchSizeOption.Converter.class,
            description = "Most catalog resources one statement compares (default: ${DEFAULT-VALUE}).")
    BatchSize batchSize;

    @Override
    int run(CatalogSyncService sync) {
        ReconcileRequest request = repair ? ReconcileRequest.repair(batchSize) : ReconcileRequest.check(batchSize);
        Optional<ProgressLine> line = ProgressLine.onTerminal(err());
        ReconcileReport report = sync.port(ReconcileMirror.class)
                .reconcile(request, line.map(this::progressOn).orElse(ReconcileMirror.Listener.NONE));
        line.ifPresent(ProgressLine::end);
        record(sync, ReconcileAction.outcome(report, repair));
        printJson(new Output(report.checked(), report.drifted(), repair ? report.queued() : null));
        return 0;
    }

    /** Resources compared, drifted (and queued), and the rate since the start. */
    private ReconcileMirror.Listener progressOn(ProgressLine line) {
        return soFar -> line.show(String.format(
                Locale.ROOT,
                "checked %d catalog resources, %d drifted%s, %.0f resources/s",
                soFar.checked(),
                soFar.drifted(),
                repair ? ", " + soFar.queued() + " queued" : "",
                soFar.checked() / line.seconds()));
    }

    /**
     * Records the run as the last drift check. A check needs only reads, so a role that may not write the
     * operations table still gets its figures; it is told the run was not recorded.
     */
    private void record(CatalogSyncService sync, String outcome) {
        try {
            sync.port(AuditOperations.class).record(Operation.Kind.RECONCILE, operator(), outcome);
        } catch (RuntimeException failure) {
            if (!ErrorMessages.isInsufficientPrivilege(failure)) {
                throw failure;
            }
            err().println("catalog-sync: warning: this run is not recorded as the last drift check: "
                    + ErrorMessages.describe(failure, database.role()));
        }
    }

    /** The OS user who ran the command, as {@code feature set} records one without {@code --actor}. */
    private static ChangedBy operator() {
        String user = System.getProperty("user.name", "");
        return new ChangedBy(user.isBlank() ? "unknown" : user, ChangedBy.COMMAND_LINE);
    }
}
