package dev.catalogsync.bootstrap.wiring;

import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.catalogsync.adapters.scheduler.inbound.cron.UpkeepSchedule;
import dev.catalogsync.adapters.scheduler.inbound.cron.UpkeepSettings;
import dev.catalogsync.adapters.scheduler.inbound.cron.WorkerCron;
import dev.catalogsync.adapters.scheduler.outbound.pause.SleepingPause;
import dev.catalogsync.adapters.scheduler.outbound.queue.DbSchedulerJobSlot;
import dev.catalogsync.adapters.scheduler.outbound.queue.JdbcRescheduleRequests;
import dev.catalogsync.adapters.scheduler.outbound.queue.SchedulerSettings;
import dev.catalogsync.adapters.scheduler.outbound.queue.SyncWorkerScheduler;
import dev.catalogsync.adapters.scheduler.outbound.queue.UntilExecutedWorkerQueue;
import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.MaintainQueuePartitions;
import dev.catalogsync.application.port.in.PerformSyncWorker;
import dev.catalogsync.application.port.in.ReconcileMirror;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.Pause;
import dev.catalogsync.application.port.out.WorkerQueue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The long-running service drives the worker through db-scheduler: requests for a run go to the cluster-wide
 * queue with Sidekiq's semantics, and the scheduler runs the worker, the cron and the queue's upkeep (partition
 * rounds, and reconcile when asked for). Its objects are made when the service starts; the one-shot commands
 * override the worker queue with {@link CommandLineDriverModule} and never start the scheduler.
 */
public class SchedulerModule extends AbstractModule {

    private final DataSource dataSource;
    private final BatchSize batchSize;
    private final Supplier<String> instanceName;
    private final String cron;
    private final UpkeepSettings upkeep;

    /**
     * @param batchSize most events one run of the worker takes
     * @param instanceName this process's name, asked for only when the scheduler is made
     * @param cron when the cron enqueues the worker, a five-field Unix cron expression in UTC
     */
    public SchedulerModule(
            DataSource dataSource,
            BatchSize batchSize,
            Supplier<String> instanceName,
            String cron,
            UpkeepSettings upkeep) {
        this.dataSource = dataSource;
        this.batchSize = batchSize;
        this.instanceName = instanceName;
        this.cron = cron;
        this.upkeep = upkeep;
    }

    @Override
    protected void configure() {
        bind(WorkerQueue.class).to(UntilExecutedWorkerQueue.class);
        bind(Pause.class).toInstance(new SleepingPause());
    }

    @Provides
    @Singleton
    DbSchedulerJobSlot jobSlot(Clock clock) {
        return new DbSchedulerJobSlot(SyncWorkerScheduler.WORKER_TASK, SyncWorkerScheduler.WORKER_INSTANCE, clock);
    }

    @Provides
    @Singleton
    UntilExecutedWorkerQueue workerQueue(DbSchedulerJobSlot slot, EnqueueStatistics statistics) {
        return new UntilExecutedWorkerQueue(
                slot, new JdbcRescheduleRequests(dataSource, SyncWorkerScheduler.WORKER_TASK), statistics);
    }

    @Provides
    @Singleton
    SyncWorkerScheduler scheduler(
            PerformSyncWorker worker,
            UntilExecutedWorkerQueue queue,
            DbSchedulerJobSlot slot,
            Clock clock,
            MaintainQueuePartitions partitions,
            ReconcileMirror reconcile,
            AuditOperations audit,
            EnqueueStatistics enqueues,
            StatsRegistry stats) {
        List<RecurringTask<Void>> recurring = new ArrayList<>();
        recurring.add(new WorkerCron(cron, queue, enqueues).task());
        recurring.addAll(new UpkeepSchedule(upkeep, partitions, reconcile, audit).tasks());
        // Made here, when the scheduler is: a one-shot command never starts one, nor names its instance.
        SchedulerSettings settings =
                new SchedulerSettings(batchSize, instanceName.get(), SchedulerSettings.DEFAULT_POLLING_INTERVAL);
        return SyncWorkerScheduler.create(dataSource, worker, queue, slot, settings, clock, recurring, stats);
    }
}
