package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.adapters.scheduler.inbound.console.ConsoleAssets;
import dev.catalogsync.adapters.scheduler.inbound.cron.UpkeepSettings;
import dev.catalogsync.adapters.scheduler.inbound.http.BearerToken;
import dev.catalogsync.adapters.scheduler.inbound.http.HealthCheck;
import dev.catalogsync.adapters.scheduler.inbound.http.HttpAccess;
import dev.catalogsync.adapters.scheduler.inbound.http.ProjectUpdateHook;
import dev.catalogsync.bootstrap.CatalogSyncService;
import dev.catalogsync.bootstrap.ServiceSettings;
import dev.catalogsync.bootstrap.metrics.PrometheusEndpoint;
import dev.catalogsync.bootstrap.observe.ReadinessEndpoint;
import dev.catalogsync.bootstrap.observe.StatusEndpoint;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
                    + "running batch, releases the lease and exits with status 0 within 10 seconds.",
            "HTTP: the Host header must name the service (an address, localhost or a --http-public-name); a POST "
                    + "needs Content-Type: application/json. With a token (CATALOG_SYNC_HTTP_TOKEN, or "
                    + "--http-token-file), every request but GET /health needs 'Authorization: Bearer <token>'. "
                    + "Listening beyond the loopback needs a token.",
            "Operators: GET / (the console: the figures in a browser, and the flag, a partition round, reconcile "
                    + "and an enqueue of the worker as actions), GET /health (alive), GET /ready (503 naming each "
                    + "failing check), GET /status (JSON), GET /metrics (Prometheus), JMX (domain catalog-sync); "
                    + "logs one JSON object per line (--log-format)."
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
            names = "--http-token-file",
            paramLabel = "FILE",
            defaultValue = "${env:" + HttpToken.FILE_VARIABLE + "}",
            description = "A file holding the bearer token of the HTTP endpoints, read once at start and trimmed (env "
                    + HttpToken.FILE_VARIABLE + "); or put the token itself in the variable " + HttpToken.VARIABLE
                    + ", never on the command line. Needed when --http-host is not a loopback address; keep the "
                    + "file private (chmod 600).")
    Path httpTokenFile;

    @Option(
            names = "--http-read-open",
            defaultValue = "${env:CATALOG_SYNC_HTTP_READ_OPEN:-false}",
            description = "With a token, let read-only endpoints (GET) answer without it; POST always needs it "
                    + "(env CATALOG_SYNC_HTTP_READ_OPEN).")
    boolean httpReadOpen;

    @Option(
            names = "--http-public-name",
            paramLabel = "NAME",
            split = ",",
            defaultValue = "${env:CATALOG_SYNC_HTTP_PUBLIC_NAMES}",
            description = "A host name clients reach the service by, e.g. behind a proxy; the Host header must be "
                    + "an address, localhost or one of these (repeatable; env CATALOG_SYNC_HTTP_PUBLIC_NAMES, "
                    + "comma-separated).")
    List<String> httpPublicNames;

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
            description = "How often to look for pending events that no callback announced (direct SQL), at most "
                    + "3600000 (an hour); 0 turns the poll off and leaves them to the cron (env "
                    + "CATALOG_SYNC_POLL_INTERVAL_MS; default: ${DEFAULT-VALUE}).")
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

    @Option(
            names = "--ready-max-pending-age",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:CATALOG_SYNC_READY_MAX_PENDING_AGE:-5m}",
            description = "GET /ready answers 503 while the flag is on and the oldest pending event has waited "
                    + "longer than this (env CATALOG_SYNC_READY_MAX_PENDING_AGE; default: ${DEFAULT-VALUE}).")
    Duration readyMaxPendingAge;

    @Option(
            names = "--log-format",
            paramLabel = "json|text",
            defaultValue = "${env:CATALOG_SYNC_LOG_FORMAT:-json}",
            description = "The log on stderr: one JSON object per line, or text for a person (env "
                    + "CATALOG_SYNC_LOG_FORMAT; default: ${DEFAULT-VALUE}).")
    LogFormat logFormat;

    @Override
    public Integer call() {
        database.validate(spec.commandLine());
        ServiceSettings settings = settings();
        checkHttpPort();
        Optional<String> token = httpToken();
        checkHttpAccess(token);
        logFormat.apply();
        CountDownLatch stopRequested = new CountDownLatch(1);
        TerminationSignals.onTermination(stopRequested::countDown, STOP_BUDGET);
        try (ServiceSessions.Session session = sessions.forService(database, builder -> {
            builder.settings(settings)
                    .httpHost(httpHost)
                    .httpPort(httpPort)
                    .httpReadOpen(httpReadOpen)
                    .httpPublicNames(publicNames())
                    .withJmx();
            token.ifPresent(builder::httpToken);
            return builder;
        })) {
            CatalogSyncService sync = session.service();
            sync.start();
            InetSocketAddress address = sync.httpAddress().orElseThrow();
            spec.commandLine()
                    .getOut()
                    .println("catalog-sync listening on http://" + host(address) + ":" + address.getPort()
                            + " (console: GET " + ConsoleAssets.PAGE_PATH + "; POST " + ProjectUpdateHook.HOOK_PATH
                            + "; GET " + HealthCheck.HEALTH_PATH + ", "
                            + ReadinessEndpoint.PATH + ", " + StatusEndpoint.PATH + ", " + PrometheusEndpoint.PATH
                            + (token.isPresent() ? "; bearer token required" : "") + ")");
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
        ServiceSettings polling;
        try {
            polling = ServiceSettings.DEFAULTS.withPollInterval(Duration.ofMillis(pollIntervalMillis));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), "--poll-interval-ms: " + e.getMessage().replace("pollInterval ", ""));
        }
        try {
            return polling.withBatchSize(batchSize.value)
                    .withCron(cron)
                    .withPartitionsCron(partitionsCron)
                    .withPartitionPolicy(partitionPolicy.policy())
                    .withReconcileCron(reconcileCron)
                    .withReadyMaxPendingAge(readyMaxPendingAge);
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

    /** The host as a URL names it: an IPv6 address in brackets. */
    private static String host(InetSocketAddress address) {
        String host = address.getAddress() == null
                ? address.getHostString()
                : address.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private Optional<String> httpToken() {
        try {
            return HttpToken.read(Optional.ofNullable(httpTokenFile), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * The HTTP options checked before anything starts, by the rules the service applies ({@link HttpAccess}): a
     * token that can be one, public names that are names, and no listening beyond the loopback without a token.
     */
    private void checkHttpAccess(Optional<String> token) {
        HttpAccess access;
        try {
            access = token.map(BearerToken::of).map(HttpAccess::withToken).orElse(HttpAccess.WITHOUT_TOKEN);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    (httpTokenFile != null ? "--http-token-file " + httpTokenFile : HttpToken.VARIABLE) + ": "
                            + e.getMessage());
        }
        if (httpTokenFile != null) {
            HttpToken.warnIfEveryoneCanRead(httpTokenFile);
        }
        try {
            access = access.withPublicNames(publicNames());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--http-public-name: " + e.getMessage());
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(httpHost);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--http-host: unknown host '" + httpHost + "'");
        }
        try {
            access.checkBinding(address);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--http-host " + httpHost + " is beyond the loopback: set " + HttpToken.VARIABLE
                            + " or --http-token-file, so that only holders of the token can use the endpoints");
        }
    }

    private List<String> publicNames() {
        return httpPublicNames == null
                ? List.of()
                : httpPublicNames.stream().filter(name -> !name.isBlank()).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
