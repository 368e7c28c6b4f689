package dev.catalogsync.adapters.scheduler.inbound.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.adapters.scheduler.outbound.queue.SyncWorkerScheduler;
import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.MaintainQueuePartitions;
import dev.catalogsync.application.port.in.ReconcileMirror;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.Operation;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue's upkeep on db-scheduler's manual scheduler, against a real PostgreSQL: each tick runs once. */
class UpkeepScheduleTest {

    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private static final SlidingListPolicy POLICY = new SlidingListPolicy(Duration.ofHours(12), Duration.ZERO);

    private static PostgresTestDatabase database;

    private final SettableClock time = new SettableClock();
    private final List<SlidingListPolicy> rounds = new ArrayList<>();
    private final List<Boolean> reconciles = new ArrayList<>();
    private final MaintainQueuePartitions partitions = policy -> {
        rounds.add(policy);
        return new MaintainQueuePartitions.OtherRoundRunning();
    };
    private final ReconcileMirror reconcile = (request, listener) -> {
        reconciles.add(request.repairs());
        return new ReconcileMirror.ReconcileReport(0, 0, 0);
    };

    private final List<Operation> operations = new ArrayList<>();
    private final AuditOperations audit = new AuditOperations() {
        @Override
        public Operation record(Operation.Kind kind, ChangedBy changedBy, String outcome) {
            Operation operation = new Operation(kind, changedBy, time.now(), outcome);
            operations.add(operation);
            return operation;
        }

        @Override
        public List<Operation> recent(int limit) {
            return List.copyOf(operations);
        }

        @Override
        public Optional<Operation> last(Operation.Kind kind) {
            return Optional.empty();
        }
    };

    @BeforeAll
    static void create_a_database_for_the_class() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void drop_the_database() {
        database.close();
    }

    @BeforeEach
    void start_with_no_scheduled_task() {
        database.truncateAll();
        time.set(HOUR.plusSeconds(30));
    }

    private ManualScheduler scheduler(UpkeepSettings settings) {
        UpkeepSchedule schedule = new UpkeepSchedule(settings, partitions, reconcile, audit);
        // Start tasks are known to the scheduler by being started: no other task is registered.
        TestHelper.ManualSchedulerBuilder builder = TestHelper.createManualScheduler(
                        database.dataSource(), List.<Task<?>>of())
                .clock(time);
        builder.tableName(SyncWorkerScheduler.TABLE).startTasks(schedule.tasks());
        ManualScheduler scheduler = builder.build();
        scheduler.start();
        return scheduler;
    }

    @Test
    void a_partition_round_runs_at_each_tick_with_the_configured_policy() {
        ManualScheduler scheduler =
                scheduler(new UpkeepSettings("*/10 * * * *", POLICY, UpkeepSettings.OFF, BatchSize.DEFAULT));

        scheduler.runAnyDueExecutions();
        assertThat(rounds).as("before the first tick").isEmpty();

        time.set(HOUR.plus(Duration.ofMinutes(10)));
        scheduler.runAnyDueExecutions();
        time.set(HOUR.plus(Duration.ofMinutes(20)));
        scheduler.runAnyDueExecutions();

        assertThat(rounds).containsExactly(POLICY, POLICY);
        assertThat(reconciles).as("reconcile is off").isEmpty();
    }

    @Test
    void reconcile_runs_with_repair_when_scheduled() {
        ManualScheduler scheduler =
                scheduler(new UpkeepSettings(UpkeepSettings.OFF, POLICY, "0 * * * *", BatchSize.DEFAULT));

        time.set(HOUR.plus(Duration.ofHours(1)));
        scheduler.runAnyDueExecutions();

        assertThat(reconciles).containsExactly(true);
        assertThat(rounds).as("partition rounds are off").isEmpty();
        assertThat(operations)
                .as("recorded: the last drift check")
                .singleElement()
                .satisfies(operation -> {
                    assertThat(operation.kind()).isEqualTo(Operation.Kind.RECONCILE);
                    assertThat(operation.changedBy()).isEqualTo(UpkeepSchedule.SCHEDULE);
                    assertThat(operation.outcome()).isEqualTo("checked=0 drifted=0 queued=0 (repair)");
                });
    }

    @Test
    void off_schedules_no_task() {
        UpkeepSchedule schedule = new UpkeepSchedule(
                new UpkeepSettings(UpkeepSettings.OFF, POLICY, UpkeepSettings.OFF, BatchSize.DEFAULT),
                partitions,
                reconcile,
                audit);

        assertThat(schedule.tasks()).isEmpty();
    }

    @Test
    void a_bad_expression_is_refused_with_its_text() {
        assertThatThrownBy(() -> new UpkeepSettings("every ten minutes", POLICY, UpkeepSettings.OFF, BatchSize.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every ten minutes");
    }
}
