package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.adapters.scheduler.inbound.cron.UpkeepSettings;
import dev.catalogsync.adapters.scheduler.inbound.http.HealthCheck;
import dev.catalogsync.adapters.scheduler.inbound.http.ProjectUpdateHook;
import dev.catalogsync.bootstrap.CatalogSyncService;
import dev.catalogsync.bootstrap.ServiceSettings;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Duration;
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

@Command(
        name = "run",
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
                    + "running batch, releases the lease and exits with status 0 within 10 seconds."
        })
class RunCommand implements Callable<Integer> {

    /** How long the service has to stop after SIGTERM before the JVM halts anyway. */
    static final Duration STOP_BUDGET = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    DatabaseOptions database;

    @Mixin
    BatchSizeOption batchSize;

    @Mixin
    PartitionPolicyOptions partitionPolicy;

    @Spec
    CommandSpec spec;

    @Inject
    ServiceSessions sessions;

    @Option(
            names = "--http-host",
            paramLabel = "HOST",
            defaultValue = "${env:CATALOG_SYNC_HTTP_HOST:-127.0.0.1}",
            description =
                    "Address the HTTP endpoints listen on (env CATALOG_SYNC_HTTP_HOST; default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            defaultValue = "${env:CATALOG_SYNC_HTTP_PORT:-8080}",
            description = "Port of the HTTP endpoints; 0 picks a free one (env CATALOG_SYNC_HTTP_PORT; default: "
                    + "${DEFAULT-VALUE}).")
    int httpPort;

    @Option(
            names = "--cron",
            paramLabel = "EXPRESSION",
            converter = CronConverters.Cron.class,
            defaultValue = "${env:CATALOG_SYNC_CRON:-*/1 * * * *}",
            description = "When the cron enqueues the worker: five fields, minute hour day-of-month month "
                    + "day-of-week, in UTC, no seconds field (env CATALOG_SYNC_CRON; default: '${DEFAULT-VALUE}', "
                    + "GitLab's every minute).")
    String cron;

    @Option(
            names = "--poll-interval-ms",
            paramLabel = "MILLIS",
            defaultValue = "${env:CATALOG_SYNC_POLL_INTERVAL_MS:-250}",
            description = "How often to look for pending events that no callback announced (direct SQL); 0 turns "
                    + "the poll off and leaves them to the cron (env CATALOG_SYNC_POLL_INTERVAL_MS; default: "
                    + "${DEFAULT-VALUE}).")
    long pollIntervalMillis;

    @Option(
            names = "--partitions-cron",
            paramLabel = "EXPRESSION",
            converter = CronConverters.CronOrOff.class,
            defaultValue = "${env:CATALOG_SYNC_PARTITIONS_CRON:-" + UpkeepSettings.DEFAULT_PARTITIONS_CRON + "}",
            description = "When to run a partition round, as 'partitions sync' does; 'off' leaves it to you "
                    + "(env CATALOG_SYNC_PARTITIONS_CRON; default: '${DEFAULT-VALUE}').")
    String partitionsCron;

    @Option(
            names = "--reconcile-cron",
            paramLabel = "EXPRESSION",
            converter = CronConverters.CronOrOff.class,
            defaultValue = "${env:CATALOG_SYNC_RECONCILE_CRON:-" + UpkeepSettings.OFF + "}",
            description = "When to run 'reconcile --repair', or 'off' (env CATALOG_SYNC_RECONCILE_CRON; default: "
                    + "${DEFAULT-VALUE}).")
    String reconcileCron;

    @Override
    public Integer call() {
        database.validate(spec.commandLine());
        ServiceSettings settings = settings();
        checkHttpPort();
        CountDownLatch stopRequested = new CountDownLatch(1);
        TerminationSignals.onTermination(stopRequested::countDown, STOP_BUDGET);
        try (ServiceSessions.Session session = sessions.forService(
                database,
                builder -> builder.settings(settings).httpHost(httpHost).httpPort(httpPort))) {
            CatalogSyncService sync = session.service();
            sync.start();
            InetSocketAddress address = sync.httpAddress().orElseThrow();
            spec.commandLine()
                    .getOut()
                    .println("catalog-sync listening on http://" + address.getHostString() + ":"
                            + address.getPort() + " (POST " + ProjectUpdateHook.HOOK_PATH + ", GET "
                            + HealthCheck.HEALTH_PATH + ")");
            spec.commandLine().getOut().flush();
            awaitQuietly(stopRequested);
            LOG.info("stopping: the running batch finishes, no other starts");
            sync.close();
        }
        LOG.info("stopped");
        return 0;
    }

    /** The options as the service's settings; their rules are {@link ServiceSettings}'. */
    private ServiceSettings settings() {
        try {
            return ServiceSettings.DEFAULTS
                    .withBatchSize(batchSize.value)
                    .withCron(cron)
                    .withPollInterval(Duration.ofMillis(pollIntervalMillis))
                    .withPartitionsCron(partitionsCron)
                    .withPartitionPolicy(partitionPolicy.policy())
                    .withReconcileCron(reconcileCron);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void checkHttpPort() {
        if (httpPort < 0 || httpPort > 65_535) {
            throw new ParameterException(
                    spec.commandLine(), "--http-port must be between 0 and 65535, was " + httpPort);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
