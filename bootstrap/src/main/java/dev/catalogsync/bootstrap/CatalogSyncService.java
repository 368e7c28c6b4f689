package dev.catalogsync.bootstrap;

import com.codahale.metrics.MetricRegistry;
import com.google.inject.Binding;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.util.Modules;
import dev.catalogsync.adapters.postgres.SchemaMigrator;
import dev.catalogsync.adapters.postgres.SchemaMigrator.MigrationPlan;
import dev.catalogsync.adapters.postgres.SchemaMigrator.MigrationReport;
import dev.catalogsync.adapters.scheduler.inbound.cron.UpkeepSettings;
import dev.catalogsync.adapters.scheduler.inbound.http.BearerToken;
import dev.catalogsync.adapters.scheduler.inbound.http.HttpAccess;
import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.HttpServer;
import dev.catalogsync.adapters.scheduler.inbound.poll.Backoff;
import dev.catalogsync.adapters.scheduler.inbound.poll.PendingEventsPoller;
import dev.catalogsync.adapters.scheduler.outbound.queue.SyncWorkerScheduler;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.CheckForPendingEvents;
import dev.catalogsync.application.port.out.ServiceInstances;
import dev.catalogsync.application.port.out.SyncEventQueue;
import dev.catalogsync.bootstrap.metrics.JvmAndJmx;
import dev.catalogsync.bootstrap.observe.InstanceHeartbeat;
import dev.catalogsync.bootstrap.observe.QueueSampler;
import dev.catalogsync.bootstrap.observe.StatusDocument;
import dev.catalogsync.bootstrap.observe.WorkerRunLog;
import dev.catalogsync.bootstrap.wiring.CoreModule;
import dev.catalogsync.bootstrap.wiring.HttpModule;
import dev.catalogsync.bootstrap.wiring.InstanceName;
import dev.catalogsync.bootstrap.wiring.ObservabilityModule;
import dev.catalogsync.bootstrap.wiring.PostgresModule;
import dev.catalogsync.bootstrap.wiring.SchedulerModule;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * catalog-sync as one object: the use cases wired to their adapters on a {@link DataSource}, and the service's
 * running parts (the worker queue and cron on db-scheduler, the idle poll, the queue's upkeep, the HTTP hook)
 * started and stopped in order. The {@code run} command is a thin shell around it; a host application on the
 * JVM embeds it the same way:
 *
 * <pre>{@code
 * try (CatalogSyncService sync = CatalogSyncService.builder(hostDataSource)
 *         .overriding(hostModule)    // Guice modules whose bindings replace ours
 *         .build()) {
 *     sync.migrate();                // optional
 *     sync.start();
 *     sync.port(HandleProjectUpdate.class).handle(new ProjectUpdated(id, Set.of("name")));
 * }
 * }</pre>
 *
 * <p>What it never does: close the {@link DataSource} it was given, start a database, install a signal handler
 * or call {@link System#exit}. After {@link #close()} no thread it started is left running.
 *
 * <p>Thread-safe. {@link #start()} at most once; {@link #close()} as often as wanted.
 */
public final class CatalogSyncService implements AutoCloseable {

    /** Where the HTTP endpoints listen when {@link Builder#httpPort} or {@link Builder#httpHost} is called alone. */
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";

    /** The {@code run} command's port. */
    public static final int DEFAULT_HTTP_PORT = 8080;

    private static final Logger LOG = LoggerFactory.getLogger(CatalogSyncService.class);

    private enum State {
        BUILT,
        STARTED,
        CLOSED
    }

    private final Injector injector;
    private final ServiceSettings settings;
    private final Optional<InetSocketAddress> httpBinding;
    private final HttpAccess httpAccess;
    private final boolean runsScheduler;
    /** What {@link #start()} started, in the order {@link #close()} stops it: scheduler, poll, HTTP. */
    private final List<AutoCloseable> running = new ArrayList<>();

    private final MetricRegistry metricRegistry;
    private final boolean exposesJmx;
    /** Whether the registry is ours, which then gets the JVM's figures when the service starts. */
    private final boolean ownsRegistry;
    /** Unique per process: the scheduler's {@code picked_by} and the instance heartbeat's name. */
    private final InstanceName instanceName = new InstanceName();

    private State state = State.BUILT;
    private InetSocketAddress httpAddress;

    private CatalogSyncService(Builder builder) {
        this.settings = builder.settings;
        this.httpBinding = builder.httpBinding();
        this.httpAccess = builder.httpAccess();
        this.runsScheduler = builder.runsScheduler;
        this.exposesJmx = builder.exposesJmx;
        this.ownsRegistry = builder.metricRegistry == null;
        this.metricRegistry = ownsRegistry ? new MetricRegistry() : builder.metricRegistry;
        // Only what is used is wired: a service that serves no HTTP (every one-shot command) has no routes to make,
        // and making the console's would load its JSON and asset classes for nothing.
        Module http = httpBinding.isPresent()
                ? new HttpModule(instanceName, settings.partitionPolicy())
                : Modules.EMPTY_MODULE;
        Module ours = Modules.combine(
                new ObservabilityModule(metricRegistry, settings.cron(), settings.readyMaxPendingAge(), runsScheduler),
                new PostgresModule(builder.dataSource),
                new CoreModule(builder.clock),
                new SchedulerModule(
                        builder.dataSource,
                        settings.batchSize(),
                        instanceName,
                        settings.cron(),
                        upkeepSettings(settings)),
                http);
        this.injector = Guice.createInjector(Modules.override(ours).with(builder.overrides));
    }

    /**
     * Starts building a service on the host's database.
     *
     * @param dataSource connections to the database that holds {@code projects}; never closed by the service.
     *     The service needs up to about 8 connections at once while it runs, 2 while it migrates.
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Brings the schema up to date: creates or upgrades our tables, the queue and the trigger, beside the host's
     * own tables, which it never changes (see {@link SchemaMigrator}). Safe to call on every start and from several
     * processes at once.
     *
     * @throws dev.catalogsync.adapters.postgres.PostgresAdapterException when a migration fails
     */
    public MigrationReport migrate() {
        return injector.getInstance(SchemaMigrator.class).migrate();
    }

    /**
     * What {@link #migrate()} would do, changing nothing: an in-place upgrade of an older install, the pending
     * migrations, and which of the host's tables would be left as they are.
     *
     * @throws dev.catalogsync.adapters.postgres.PostgresAdapterException when the host's tables do not suit us
     */
    public MigrationPlan planMigration() {
        return injector.getInstance(SchemaMigrator.class).plan();
    }

    /**
     * Starts the service's running parts: the worker queue, cron and upkeep (unless the builder said
     * {@link Builder#withoutScheduler()}), the idle poll (unless its interval is zero), and the HTTP endpoints
     * (if asked for). Checks first that the database has the schema, so a missing {@code migrate} fails here in
     * one message rather than in every poll later. If a part fails to start, the parts already started are
     * stopped again before the exception leaves.
     *
     * @throws IllegalStateException when called twice or after {@link #close()}, or when the HTTP address
     *     cannot be bound
     */
    public synchronized void start() {
        if (state != State.BUILT) {
            throw new IllegalStateException("catalog-sync can be started once, and not after close(); it is " + state);
        }
        state = State.STARTED;
        try {
            injector.getInstance(SyncEventQueue.class).hasPending();
            if (ownsRegistry) {
                JvmAndJmx.registerJvmMetrics(metricRegistry);
            }
            if (runsScheduler) {
                running.add(startScheduler());
            }
            if (settings.pollsForPendingEvents()) {
                running.add(startPoller());
            } else {
                LOG.info("the pending-events poll is off: direct SQL updates wait for the cron");
            }
            httpBinding.ifPresent(address -> running.add(startHttp(address)));
            QueueSampler sampler = injector.getInstance(QueueSampler.class);
            sampler.start();
            running.add(sampler);
            WorkerRunLog runs = injector.getInstance(WorkerRunLog.class);
            InstanceHeartbeat heartbeat = new InstanceHeartbeat(
                    injector.getInstance(ServiceInstances.class),
                    instanceName.get(),
                    injector.getInstance(Clock.class),
                    () -> StatusDocument.activityOf(runs));
            heartbeat.start();
            running.add(heartbeat);
            if (exposesJmx) {
                running.add(JvmAndJmx.startJmx(metricRegistry));
            }
        } catch (RuntimeException e) {
            stopRunningParts();
            state = State.CLOSED;
            throw e;
        }
    }

    /**
     * One of the service's ports: any inbound port (use case, e.g. {@code HandleProjectUpdate},
     * {@code PerformSyncWorker}, {@code ReportQueueStatus}) or any outbound port or adapter it was built with,
     * as bound after the host's overrides.
     *
     * @throws IllegalArgumentException when the service binds no such type
     */
    public <T> T port(Class<T> type) {
        Binding<T> binding = injector.getExistingBinding(Key.get(type));
        if (binding == null) {
            throw new IllegalArgumentException("catalog-sync binds no " + type.getName()
                    + "; ask for an inbound port of dev.catalogsync.application.port.in or a bound adapter");
        }
        return binding.getProvider().get();
    }

    /** Where the HTTP endpoints listen, with the port chosen when 0 was asked for; empty before start or without HTTP. */
    public synchronized Optional<InetSocketAddress> httpAddress() {
        return Optional.ofNullable(httpAddress);
    }

    /**
     * The registry every metric of the service is in (the host's, if it gave one to the builder): for a host's own
     * reporter, or Micrometer's Dropwizard bridge. The names are {@link dev.catalogsync.bootstrap.metrics.MetricNames}'.
     */
    public MetricRegistry metricRegistry() {
        return metricRegistry;
    }

    /** The settings it runs with. */
    public ServiceSettings settings() {
        return settings;
    }

    /**
     * Stops the service in the order SIGTERM does: the scheduler first (no batch starts after this; the running
     * one finishes and frees the job for another instance), then the poll, then HTTP. Returns once every thread
     * the service started has ended. The {@link DataSource} stays open. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        stopRunningParts();
    }

    private void stopRunningParts() {
        List<RuntimeException> failures = new ArrayList<>();
        for (AutoCloseable part : running) {
            try {
                part.close();
            } catch (Exception e) {
                failures.add(new IllegalStateException("could not stop " + part + ": " + e.getMessage(), e));
            }
        }
        running.clear();
        httpAddress = null;
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private SyncWorkerScheduler startScheduler() {
        SyncWorkerScheduler scheduler = injector.getInstance(SyncWorkerScheduler.class);
        // Reads catalog_sync_scheduled_tasks once, so a schema without it fails here rather than in the scheduler's
        // threads.
        scheduler.scheduler().getScheduledExecutions();
        scheduler.start();
        return scheduler;
    }

    /** Polls every interval, backing off to at most the ceiling while the database does not answer. */
    private PendingEventsPoller startPoller() {
        Duration interval = settings.pollInterval();
        Duration ceiling = interval.compareTo(PendingEventsPoller.BACKOFF_CEILING) > 0
                ? interval
                : PendingEventsPoller.BACKOFF_CEILING;
        PendingEventsPoller poller = new PendingEventsPoller(
                injector.getInstance(CheckForPendingEvents.class), new Backoff(interval, ceiling));
        poller.start();
        return poller;
    }

    private HttpServer startHttp(InetSocketAddress address) {
        try {
            List<HttpRoute> routes = List.copyOf(injector.getInstance(Key.get(new TypeLiteral<Set<HttpRoute>>() {})));
            HttpServer server = HttpServer.start(address, routes, httpAccess);
            httpAddress = server.address();
            return server;
        } catch (IOException e) {
            // No cause: the message names the address, not only the socket's "Address already in use".
            throw new IllegalStateException(
                    "cannot listen on " + address.getHostString() + ":" + address.getPort() + ": " + e.getMessage());
        }
    }

    private static UpkeepSettings upkeepSettings(ServiceSettings settings) {
        return new UpkeepSettings(
                settings.partitionsCron(), settings.partitionPolicy(), settings.reconcileCron(), BatchSize.DEFAULT);
    }

    /** Builds a {@link CatalogSyncService}; every setting has a default. */
    public static final class Builder {

        private final DataSource dataSource;
        private final List<Module> overrides = new ArrayList<>();
        private ServiceSettings settings = ServiceSettings.DEFAULTS;
        private Clock clock = Clock.systemUTC();
        private String httpHost;
        private Integer httpPort;
        private BearerToken httpToken;
        private boolean httpReadOpen;
        private List<String> httpPublicNames = List.of();
        private boolean runsScheduler = true;
        private MetricRegistry metricRegistry;
        private boolean exposesJmx;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Modules whose bindings replace ours: bind any port of {@code dev.catalogsync.application.port.out}
         * (the flag store, the statistics, the worker queue, ...) to an adapter of your own. Every path of the
         * service then uses yours.
         */
        public Builder overriding(Module... modules) {
            overrides.addAll(List.of(modules));
            return this;
        }

        public Builder settings(ServiceSettings value) {
            settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** The clock the use cases read; the system's UTC clock unless a test needs another. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Serve HTTP on this address ({@value CatalogSyncService#DEFAULT_HTTP_HOST} unless told). */
        public Builder httpHost(String host) {
            httpHost = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * Serve HTTP on this port; 0 picks a free one ({@link CatalogSyncService#httpAddress()} tells which).
         *
         * @throws IllegalArgumentException outside 0 to 65535
         */
        public Builder httpPort(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("the HTTP port must be between 0 and 65535, was " + port);
            }
            httpPort = port;
            return this;
        }

        /**
         * The bearer token every HTTP request but {@code GET /health} must then carry ({@code Authorization: Bearer
         * <token>}), read-only ones too unless {@link #httpReadOpen}; needed to listen beyond the loopback. Only its
         * digest is kept.
         *
         * @throws IllegalArgumentException when it is shorter than 16 characters or holds a character a header
         *     cannot carry; the message never repeats it
         */
        public Builder httpToken(String token) {
            httpToken = BearerToken.of(token);
            return this;
        }

        /** With a token, whether read-only endpoints answer without it; state-changing ones always need it. */
        public Builder httpReadOpen(boolean open) {
            httpReadOpen = open;
            return this;
        }

        /**
         * Names clients reach the HTTP endpoints by besides an IP address and {@code localhost} (behind a proxy, in
         * a cluster): the {@code Host} header must name one of them, or the request gets 421.
         *
         * @throws IllegalArgumentException for anything but host names and addresses without a port
         */
        public Builder httpPublicNames(Collection<String> names) {
            HttpAccess.WITHOUT_TOKEN.withPublicNames(names);
            httpPublicNames = List.copyOf(names);
            return this;
        }

        /** No HTTP endpoints (the default for an embedding host: call the ports in-process instead). */
        public Builder withoutHttp() {
            httpHost = null;
            httpPort = null;
            return this;
        }

        /**
         * The host drives the worker itself: bind {@code WorkerQueue} to your own job system through
         * {@link #overriding} and call {@code PerformSyncWorker} from your jobs. {@link #start()} then starts no
         * db-scheduler (no worker job, cron or upkeep tasks), only the poll and HTTP.
         */
        public Builder withoutScheduler() {
            runsScheduler = false;
            return this;
        }

        /**
         * Put the service's metrics in the host's registry instead of one of its own (then the JVM's figures are
         * left to the host). Names must not clash with the host's: ours all start with {@code catalog_sync.}.
         */
        public Builder metricRegistry(MetricRegistry registry) {
            metricRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Also publish the metrics as JMX MBeans (domain {@value JvmAndJmx#JMX_DOMAIN}) while the service runs. */
        public Builder withJmx() {
            exposesJmx = true;
            return this;
        }

        /**
         * Wires the service; opens no connection and starts no thread until {@link CatalogSyncService#start()}.
         *
         * @throws IllegalArgumentException when the HTTP endpoints would listen beyond the loopback without a token
         */
        public CatalogSyncService build() {
            httpBinding()
                    .filter(address -> !address.isUnresolved())
                    .ifPresent(address -> httpAccess().checkBinding(address.getAddress()));
            return new CatalogSyncService(this);
        }

        private HttpAccess httpAccess() {
            HttpAccess access = httpToken == null ? HttpAccess.WITHOUT_TOKEN : HttpAccess.withToken(httpToken);
            return access.withReadsOpen(httpReadOpen).withPublicNames(httpPublicNames);
        }

        private Optional<InetSocketAddress> httpBinding() {
            if (httpHost == null && httpPort == null) {
                return Optional.empty();
            }
            return Optional.of(new InetSocketAddress(
                    httpHost == null ? DEFAULT_HTTP_HOST : httpHost, httpPort == null ? DEFAULT_HTTP_PORT : httpPort));
        }
    }
}
