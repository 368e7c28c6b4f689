package dev.catalogsync.adapters.scheduler.inbound.cron;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.catalogsync.adapters.scheduler.inbound.console.ReconcileAction;
import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.in.MaintainQueuePartitions;
import dev.catalogsync.application.port.in.MaintainQueuePartitions.MaintenanceRound;
import dev.catalogsync.application.port.in.ReconcileMirror;
import dev.catalogsync.application.port.in.ReconcileMirror.ReconcileReport;
import dev.catalogsync.application.port.in.ReconcileMirror.ReconcileRequest;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.Operation;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's upkeep as cluster-wide recurring tasks on the service's scheduler: a partition round (GitLab's
 * partition manager) and, when asked for, {@code reconcile --repair}. Like the cron, each is one row in
 * {@code catalog_sync_scheduled_tasks}, so every tick runs on one instance only, however many run. Each reconcile is
 * recorded as an operation by {@link #SCHEDULE} (the last drift check every instance shows).
 */
public final class UpkeepSchedule {

    /** The partition round's task name in {@code catalog_sync_scheduled_tasks}. */
    public static final String PARTITIONS_TASK = "catalog-sync-maintain-queue-partitions";

    /** The reconcile task's name. */
    public static final String RECONCILE_TASK = "catalog-sync-reconcile-mirror";

    /** Who runs the scheduled reconcile, in the operations' record. */
    public static final ChangedBy SCHEDULE = new ChangedBy("reconcile-cron", "cron");

    private static final Logger LOG = LoggerFactory.getLogger(UpkeepSchedule.class);

    private final UpkeepSettings settings;
    private final MaintainQueuePartitions partitions;
    private final ReconcileMirror reconcile;
    private final AuditOperations audit;

    public UpkeepSchedule(
            UpkeepSettings settings,
            MaintainQueuePartitions partitions,
            ReconcileMirror reconcile,
            AuditOperations audit) {
        this.settings = settings;
        this.partitions = partitions;
        this.reconcile = reconcile;
        this.audit = audit;
    }

    /** The tasks the settings turn on, to be started with the scheduler. */
    public List<RecurringTask<Void>> tasks() {
        List<RecurringTask<Void>> tasks = new ArrayList<>();
        if (settings.partitionsScheduled()) {
            tasks.add(Tasks.recurring(PARTITIONS_TASK, UnixCron.parse(settings.partitionsCron()))
                    .execute((instance, context) -> runPartitionRound()));
        }
        if (settings.reconcileScheduled()) {
            tasks.add(Tasks.recurring(RECONCILE_TASK, UnixCron.parse(settings.reconcileCron()))
                    .execute((instance, context) -> runReconcile()));
        }
        return tasks;
    }

    private void runPartitionRound() {
        MaintenanceRound round = partitions.maintain(settings.policy());
        LOG.info("queue partition round: {}", round);
    }

    private void runReconcile() {
        ReconcileReport report = reconcile.reconcile(ReconcileRequest.repair(settings.reconcileBatchSize()));
        audit.record(Operation.Kind.RECONCILE, SCHEDULE, ReconcileAction.outcome(report, true));
        LOG.info(
                "reconcile --repair: checked={} drifted={} queued={}",
                report.checked(),
                report.drifted(),
                report.queued());
    }
}
