package dev.catalogsync.bootstrap.observe;

import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.WorkerRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Tells every one of several statistics, in order: the metrics and the status page's run log. */
public final class FanOutSyncStatistics implements SyncStatistics {

    private final List<SyncStatistics> targets;

    public FanOutSyncStatistics(SyncStatistics... targets) {
        this.targets = List.of(targets);
    }

    @Override
    public void batchProcessed(BatchResult result, Duration took) {
        targets.forEach(target -> target.batchProcessed(result, took));
    }

    @Override
    public void leaseBusy() {
        targets.forEach(SyncStatistics::leaseBusy);
    }

    @Override
    public void flagDisabled() {
        targets.forEach(SyncStatistics::flagDisabled);
    }

    @Override
    public void performed(WorkerRun run, Instant startedAt, Duration took) {
        targets.forEach(target -> target.performed(run, startedAt, took));
    }

    @Override
    public void performFailed(RuntimeException failure, Instant startedAt, Duration took) {
        targets.forEach(target -> target.performFailed(failure, startedAt, took));
    }
}
