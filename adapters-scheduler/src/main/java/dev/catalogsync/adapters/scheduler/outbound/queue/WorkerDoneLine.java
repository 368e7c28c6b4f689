package dev.catalogsync.adapters.scheduler.outbound.queue;

import dev.catalogsync.domain.BatchResult;
import dev.catalogsync.domain.WorkerRun;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per run of the worker job, as Sidekiq's "done" line: the worker's name, the job's id, its status
 * ({@code done}, {@code skipped} with the reason, {@code fail}), its duration in seconds, and GitLab's extra
 * metadata, {@code estimated_total_events}, {@code consumable_events} and {@code processed_events}. The fields are
 * SLF4J key/values, so a JSON encoder writes each as its own field; the message repeats them for a person reading
 * text.
 */
final class WorkerDoneLine {

    /** The logger's name, for configurations that route the worker's lines. */
    static final String LOGGER = "dev.catalogsync.worker";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final String worker;

    WorkerDoneLine(String worker) {
        this.worker = worker;
    }

    /** A fresh job id for one run: 24 hex digits, as Sidekiq's jid. */
    static String newJobId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    void done(String jobId, WorkerRun run, Instant started, Instant finished) {
        Duration took = Duration.between(started, finished);
        if (run instanceof WorkerRun.Processed processed) {
            BatchResult result = processed.result();
            line(LOG.atInfo(), jobId, "done", took, started, finished)
                    .addKeyValue("estimated_total_events", result.estimatedTotalEvents())
                    .addKeyValue("consumable_events", result.consumableEvents())
                    .addKeyValue("processed_events", result.processedCount())
                    .addKeyValue("reenqueued", run.reenqueued())
                    .log(
                            "sync worker done: estimated_total_events={} consumable_events={} processed_events={} "
                                    + "reenqueued={} started_at={} finished_at={}",
                            result.estimatedTotalEvents(),
                            result.consumableEvents(),
                            result.processedCount(),
                            run.reenqueued(),
                            started,
                            finished);
        } else if (run instanceof WorkerRun.LeaseBusy) {
            line(LOG.atInfo(), jobId, "skipped", took, started, finished)
                    .addKeyValue("skipped_reason", "lease_taken")
                    .addKeyValue("reenqueued", run.reenqueued())
                    .log("sync worker skipped: the lease is held by another run; reenqueued={}", run.reenqueued());
        } else if (run instanceof WorkerRun.LeaseLost) {
            line(LOG.atWarn(), jobId, "skipped", took, started, finished)
                    .addKeyValue("skipped_reason", "lease_lost")
                    .addKeyValue("reenqueued", run.reenqueued())
                    .log(
                            "sync worker lease lost: this run was paused past the lease's time to live and wrote "
                                    + "nothing; reenqueued={}",
                            run.reenqueued());
        } else {
            line(LOG.atInfo(), jobId, "skipped", took, started, finished)
                    .addKeyValue("skipped_reason", "feature_flag_disabled")
                    .log("sync worker skipped: the feature flag is disabled");
        }
    }

    void failed(String jobId, Throwable cause, Instant started, Instant finished) {
        line(LOG.atWarn(), jobId, "fail", Duration.between(started, finished), started, finished)
                .addKeyValue("error_class", cause.getClass().getName())
                .log("sync worker run failed, retried by the next enqueue: {}", cause.toString());
    }

    /** A run given up after {@code after} still waiting on the database; its job is freed and runs again. */
    void abandoned(String jobId, Duration after, Instant started, Instant finished) {
        line(LOG.atWarn(), jobId, "fail", Duration.between(started, finished), started, finished)
                .addKeyValue("error_class", "abandoned")
                .log(
                        "sync worker run abandoned after {} s, still waiting on the database; its job is freed and "
                                + "runs again (a batch it may still send is fenced by the lease)",
                        after.toSeconds());
    }

    private LoggingEventBuilder line(
            LoggingEventBuilder builder,
            String jobId,
            String status,
            Duration took,
            Instant started,
            Instant finished) {
        return builder.addKeyValue("class", worker)
                .addKeyValue("jid", jobId)
                .addKeyValue("job_status", status)
                .addKeyValue("duration_s", String.format(Locale.ROOT, "%.6f", took.toNanos() / 1e9))
                .addKeyValue("started_at", started.toString())
                .addKeyValue("finished_at", finished.toString());
    }
}
