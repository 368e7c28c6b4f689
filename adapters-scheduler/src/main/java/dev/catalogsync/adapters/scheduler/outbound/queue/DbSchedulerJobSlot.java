package dev.catalogsync.adapters.scheduler.outbound.queue;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The slot as a db-scheduler execution with a fixed instance id: {@code scheduleIfNotExists} inserts the row
 * only when none exists, queued or picked, and the primary key on {@code (task_name, task_instance)} makes that
 * atomic across processes. The client is attached once the scheduler is built, because the scheduler's tasks
 * need the queue that needs this slot.
 */
public final class DbSchedulerJobSlot implements JobSlot {

    private final TaskInstance<Void> job;
    private final Clock clock;
    private final AtomicReference<SchedulerClient> client = new AtomicReference<>();

    public DbSchedulerJobSlot(String taskName, String instanceId, Clock clock) {
        this.job = new TaskInstance<>(taskName, instanceId);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void attach(SchedulerClient schedulerClient) {
        client.set(Objects.requireNonNull(schedulerClient, "schedulerClient"));
    }

    @Override
    public boolean queueIfAbsent(Duration delay) {
        SchedulerClient attached = client.get();
        if (attached == null) {
            throw new IllegalStateException("The sync worker's scheduler is not built yet; nothing can be queued");
        }
        return attached.scheduleIfNotExists(job, clock.instant().plus(delay));
    }
}
