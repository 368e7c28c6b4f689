package dev.catalogsync.bootstrap.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.catalogsync.adapters.scheduler.inbound.cron.UnixCron;
import dev.catalogsync.adapters.scheduler.inbound.cron.UpkeepSettings;
import dev.catalogsync.adapters.scheduler.inbound.http.HealthCheck;
import dev.catalogsync.adapters.scheduler.inbound.http.HttpServer;
import dev.catalogsync.adapters.scheduler.inbound.http.ProjectUpdateHook;
import dev.catalogsync.adapters.scheduler.inbound.poll.Backoff;
import dev.catalogsync.adapters.scheduler.inbound.poll.PendingEventsPoller;
import dev.catalogsync.adapters.scheduler.outbound.queue.SchedulerSettings;
import dev.catalogsync.adapters.scheduler.outbound.queue.SyncWorkerScheduler;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.CheckForPendingEvents;
import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.bootstrap.wiring.CachedFeatureFlagsModule;
import dev.catalogsync.bootstrap.wiring.CoreModule;
import dev.catalogsync.bootstrap.wiring.PostgresModule;
import dev.catalogsync.bootstrap.wiring.SchedulerModule;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "run",
        description = {
            "Runs the service: keeps catalog_resources in sync by itself until stopped (SIGTERM or Ctrl-C).",
            "The worker is enqueued three ways: POST /hooks/project-updated (the after-update callback), the cron "
                    + "(--cron, every minute by default) and the worker itself while events remain; updates made "
                    + "by direct SQL are noticed by a poll of the pending events within --poll-interval-ms. "
                    + "Several instances on one database act as one: one cron tick per minute in total, one batch "
                    + "at a time.",
            "It also runs a partition round every ten minutes (--partitions-cron) and, if asked, "
                    + "'reconcile --repair' (--reconcile-cron).",
            "Prints 'catalog-sync listening on http://HOST:PORT' once it serves. On SIGTERM it finishes the "
                    + "running batch, releases the lease and exits with status 0 within 10 seconds."})
class RunCommand implements Callable<Integer> {

    /** How long the service has to stop after SIGTERM before the JVM halts anyway. */
    static final Duration STOP_BUDGET = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    private static final String POOL_NAME = "catalog-sync-service";
    /** The HTTP threads, the poll, the worker job, the cron and the scheduler's own housekeeping. */
    private static final int POOL_SIZE = 8;

    @Mixin
    DatabaseOptions database;

    @Mixin
    BatchSizeOption batchSize;

    @Spec
    CommandSpec spec;

    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "${env:CATALOG_SYNC_HTTP_HOST:-127.0.0.1}",
            description = "Address the HTTP endpoints listen on (env CATALOG_SYNC_HTTP_HOST; default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:CATALOG_SYNC_HTTP_PORT:-8080}",
            description = "Port of the HTTP endpoints; 0 picks a free one (env CATALOG_SYNC_HTTP_PORT; default: "
                    + "${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--cron", paramLabel = "EXPRESSION", defaultValue = "${env:CATALOG_SYNC_CRON:-*/1 * * * *}",
            description = "When the cron enqueues the worker: five fields, minute hour day-of-month month "
                    + "day-of-week, in UTC, no seconds field (env CATALOG_SYNC_CRON; default: '${DEFAULT-VALUE}', "
                    + "GitLab's every minute).")
    String cron;

    @Option(names = "--poll-interval-ms", paramLabel = "MILLIS",
            defaultValue = "${env:CATALOG_SYNC_POLL_INTERVAL_MS:-250}",
            description = "How often to look for pending events that no callback announced (direct SQL); 0 turns "
                    + "the poll off and leaves them to the cron (env CATALOG_SYNC_POLL_INTERVAL_MS; default: "
                    + "${DEFAULT-VALUE}).")
    long pollIntervalMillis;

    @Option(names = "--partitions-cron", paramLabel = "EXPRESSION",
            defaultValue = "${env:CATALOG_SYNC_PARTITIONS_CRON:-" + UpkeepSettings.DEFAULT_PARTITIONS_CRON + "}",
            description = "When to run a partition round, as 'partitions sync' does; 'off' leaves it to you "
                    + "(env CATALOG_SYNC_PARTITIONS_CRON; default: '${DEFAULT-VALUE}').")
    String partitionsCron;

    @Option(names = "--partition-duration", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:CATALOG_SYNC_PARTITION_DURATION:-1d}",
            description = "As for 'partitions sync' (env CATALOG_SYNC_PARTITION_DURATION; default: ${DEFAULT-VALUE}).")
    Duration partitionDuration;

    @Option(names = "--retention", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:CATALOG_SYNC_RETENTION:-7d}",
            description = "As for 'partitions sync' (env CATALOG_SYNC_RETENTION; default: ${DEFAULT-VALUE}).")
    Duration retention;

    @Option(names = "--reconcile-cron", paramLabel = "EXPRESSION",
            defaultValue = "${env:CATALOG_SYNC_RECONCILE_CRON:-" + UpkeepSettings.OFF + "}",
            description = "When to run 'reconcile --repair', or 'off' (env CATALOG_SYNC_RECONCILE_CRON; default: "
                    + "${DEFAULT-VALUE}).")
    String reconcileCron;

    @Override
    public Integer call() {
        SchedulerSettings settings = validate();
        UpkeepSettings upkeep = upkeepSettings();
        CountDownLatch stopRequested = new CountDownLatch(1);
        TerminationSignals.onTermination(stopRequested::countDown, STOP_BUDGET);
        try (Database opened = Database.open(database, true, POOL_NAME, POOL_SIZE)) {
            Injector injector = Guice.createInjector(
                    Modules.override(new PostgresModule(opened.dataSource()))
                            .with(new CachedFeatureFlagsModule(opened.dataSource())),
                    new SchedulerModule(opened.dataSource(), settings, cron, upkeep),
                    new CoreModule(Clock.systemUTC()));
            // Fails now, in one line, on a database without the schema, rather than in every poll later.
            injector.getInstance(SyncEventQueue.class).hasPending();
            try (SyncWorkerScheduler scheduler = injector.getInstance(SyncWorkerScheduler.class)) {
                scheduler.scheduler().getScheduledExecutions();
                scheduler.start();
                try (PendingEventsPoller poller = startPoller(injector);
                        HttpServer http = listen(injector.getInstance(HandleProjectUpdate.class))) {
                    InetSocketAddress address = http.address();
                    spec.commandLine().getOut().println("catalog-sync listening on http://"
                            + address.getHostString() + ":" + address.getPort()
                            + " (POST " + ProjectUpdateHook.HOOK_PATH + ", GET " + HealthCheck.HEALTH_PATH + ")");
                    spec.commandLine().getOut().flush();
                    awaitQuietly(stopRequested);
                    // The scheduler first: no batch starts after the signal, the running one finishes and frees
                    // the job for another instance. Then the poll and HTTP, whose enqueues still reach the
                    // database (another instance runs them) until they stop.
                    LOG.info("stopping: the running batch finishes, no other starts");
                    scheduler.close();
                }
            }
            LOG.info("stopped");
            return 0;
        }
    }

    private SchedulerSettings validate() {
        if (httpPort < 0 || httpPort > 65_535) {
            throw new ParameterException(spec.commandLine(), "--http-port must be between 0 and 65535, was " + httpPort);
        }
        if (pollIntervalMillis < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--poll-interval-ms must be 0 (off) or more, was " + pollIntervalMillis);
        }
        try {
            UnixCron.parse(cron);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--cron: " + e.getMessage());
        }
        return new SchedulerSettings(batchSize.batchSize(), schedulerName(), SchedulerSettings.DEFAULT_POLLING_INTERVAL);
    }

    private UpkeepSettings upkeepSettings() {
        if (partitionDuration.isZero() || partitionDuration.isNegative()) {
            throw new ParameterException(spec.commandLine(),
                    "--partition-duration must be more than 0, was " + partitionDuration);
        }
        if (retention.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--retention cannot be negative, was " + retention);
        }
        checkSchedule("--partitions-cron", partitionsCron);
        checkSchedule("--reconcile-cron", reconcileCron);
        return new UpkeepSettings(partitionsCron, new SlidingListPolicy(partitionDuration, retention),
                reconcileCron, BatchSize.DEFAULT);
    }

    private void checkSchedule(String option, String value) {
        try {
            UpkeepSettings.checkSchedule(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage() + " or '"
                    + UpkeepSettings.OFF + "'");
        }
    }

    /** Polls every {@code --poll-interval-ms}, backing off to at most the ceiling; 0 leaves it unstarted. */
    private PendingEventsPoller startPoller(Injector injector) {
        Duration interval = pollIntervalMillis == 0 ? PendingEventsPoller.INTERVAL : Duration.ofMillis(pollIntervalMillis);
        Duration ceiling = interval.compareTo(PendingEventsPoller.BACKOFF_CEILING) > 0
                ? interval
                : PendingEventsPoller.BACKOFF_CEILING;
        PendingEventsPoller poller =
                new PendingEventsPoller(injector.getInstance(CheckForPendingEvents.class), new Backoff(interval, ceiling));
        if (pollIntervalMillis > 0) {
            poller.start();
        } else {
            LOG.info("the pending-events poll is off: direct SQL updates wait for the cron");
        }
        return poller;
    }

    private HttpServer listen(HandleProjectUpdate callback) {
        try {
            return HttpServer.start(new InetSocketAddress(httpHost, httpPort),
                    List.of(ProjectUpdateHook.route(callback), HealthCheck.route()));
        } catch (IOException e) {
            // No cause: the one-line error names the address, not only the socket's "Address already in use".
            throw new IllegalStateException("cannot listen on " + httpHost + ":" + httpPort + ": " + e.getMessage());
        }
    }

    /** Unique per process, so that picked_by in scheduled_tasks says which instance runs a job. */
    private static String schedulerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "catalog-sync";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
