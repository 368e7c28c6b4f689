package dev.catalogsync.bootstrap.cli;

import com.codahale.metrics.MetricRegistry;
import dev.catalogsync.adapters.postgres.DemoCatalog;
import dev.catalogsync.application.flags.FeatureFlagDefinitions;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.in.ReconcileMirror;
import dev.catalogsync.application.port.in.ReconcileMirror.ReconcileRequest;
import dev.catalogsync.application.port.in.ReportQueueStatus;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.bootstrap.CatalogSyncService;
import dev.catalogsync.bootstrap.metrics.MetricNames;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        description = {
            "The product at work on the embedded database: seeds --projects catalog projects (each renamed once), "
                    + "enables the flag, starts the service, and keeps changing projects through all three paths "
                    + "(the after-update callback, a direct SQL update, a bulk update of "
                    + DemoTraffic.BULK_SIZE + " projects) while a line shows pending events, events processed per "
                    + "second, and each path's lag from the change to the mirror. Ctrl-C (or --duration) stops it; "
                    + "it then waits for the mirror to catch up and prints one JSON summary with a reconcile.",
            "'demo seed' only seeds. Refused on a database given by --db-url: it writes to projects."
        },
        subcommands = DemoCommand.Seed.class)
class DemoCommand implements Callable<Integer> {

    /** How often a change is made. */
    static final Duration CHANGE_INTERVAL = Duration.ofMillis(200);

    /** The longest the summary waits for the mirror to catch up after the changes stop. */
    static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Inject
    ServiceSessions sessions;

    @Option(
            names = "--projects",
            paramLabel = "N",
            defaultValue = "300",
            description = "How many demo projects to seed first (1 to 100000, default: ${DEFAULT-VALUE}).")
    int projects;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "0",
            description = "Stop by itself after this long; 0 (the default) runs until Ctrl-C. "
                    + DurationConverter.SYNTAX + ".")
    Duration duration;

    /** What {@code demo} prints at the end. */
    record Summary(
            Map<String, Long> changes,
            Map<String, Long> synced,
            Map<String, Long> maxLagMs,
            long pendingEvents,
            long processedEvents,
            long drifted) {}

    @Override
    public Integer call() {
        if (projects < 1 || projects > 100_000) {
            throw new ParameterException(
                    spec.commandLine(), "--projects must be between 1 and 100000, was " + projects);
        }
        if (database.url().isPresent()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "demo writes demo projects, so it only runs on the embedded database (no --db-url)");
        }
        LogFormat.warningsOnly();
        CountDownLatch stop = new CountDownLatch(1);
        TerminationSignals.onTermination(stop::countDown, RunCommand.STOP_BUDGET.plus(CATCH_UP_LIMIT));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ServiceSessions.Session session = sessions.forService(
                database, builder -> builder.httpHost("127.0.0.1").httpPort(0))) {
            CatalogSyncService sync = session.service();
            DemoCatalog catalog = sync.port(DemoCatalog.class);
            DemoCatalog.SeedReport seeded = catalog.seed(projects);
            sync.port(ManageFeatureFlags.class)
                    .set(
                            FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name(),
                            true,
                            new ChangedBy(System.getProperty("user.name", "demo"), "demo"));
            sync.start();
            err.println("catalog-sync demo: " + seeded.projects() + " projects seeded, " + seeded.queuedEvents()
                    + " events queued, flag on; metrics at http://127.0.0.1:"
                    + sync.httpAddress().orElseThrow().getPort()
                    + "/metrics. Ctrl-C stops.");
            err.flush();
            DemoTraffic traffic = new DemoTraffic(
                    catalog, sync.port(HandleProjectUpdate.class), seeded.firstProjectId(), seeded.lastProjectId());
            LiveLine line = new LiveLine(err, System.console() != null);
            long processedBefore = processed(sync.metricRegistry());
            long lastLine = System.nanoTime();
            long lastProcessed = processedBefore;
            long deadline = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (!awaitQuietly(stop, CHANGE_INTERVAL) && System.nanoTime() < deadline) {
                traffic.change();
                traffic.observe();
                if (System.nanoTime() - lastLine >= TimeUnit.SECONDS.toNanos(1)) {
                    long processedNow = processed(sync.metricRegistry());
                    double perSecond = (processedNow - lastProcessed) * 1e9 / (System.nanoTime() - lastLine);
                    line.show(
                            sync.port(ReportQueueStatus.class).status().pendingEvents(), perSecond, traffic.figures());
                    lastLine = System.nanoTime();
                    lastProcessed = processedNow;
                }
            }
            line.end();
            long catchUpUntil = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
            while (!traffic.allSynced() && System.nanoTime() < catchUpUntil) {
                awaitQuietly(new CountDownLatch(1), CHANGE_INTERVAL);
                traffic.observe();
            }
            long pending = sync.port(ReportQueueStatus.class).status().pendingEvents();
            long drifted = sync.port(ReconcileMirror.class)
                    .reconcile(ReconcileRequest.check(BatchSize.DEFAULT))
                    .drifted();
            out.println(JsonOutput.write(summary(traffic, pending, processed(sync.metricRegistry()), drifted)));
            sync.close();
        }
        return 0;
    }

    private static Summary summary(DemoTraffic traffic, long pending, long processed, long drifted) {
        Map<String, Long> changes = new LinkedHashMap<>();
        Map<String, Long> synced = new LinkedHashMap<>();
        Map<String, Long> maxLag = new LinkedHashMap<>();
        traffic.figures().forEach((path, figures) -> {
            String name = path.name().toLowerCase(Locale.ROOT);
            changes.put(name, figures.made());
            synced.put(name, figures.synced());
            maxLag.put(name, figures.maxLagMillis());
        });
        return new Summary(changes, synced, maxLag, pending, processed, drifted);
    }

    private static long processed(MetricRegistry registry) {
        return registry.meter(MetricNames.EVENTS_PROCESSED).getCount();
    }

    /** Waits up to {@code wait}; true when the latch opened (stop asked) or the thread was interrupted. */
    private static boolean awaitQuietly(CountDownLatch latch, Duration wait) {
        try {
            return latch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** The live line: rewritten in place on a terminal, one line every few seconds in a pipe. */
    static final class LiveLine {

        private static final long PIPE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

        private final PrintWriter err;
        private final boolean terminal;
        private long lastPrinted;

        LiveLine(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        void show(long pending, double perSecond, Map<DemoTraffic.Path, DemoTraffic.PathFigures> figures) {
            StringBuilder text = new StringBuilder(
                    String.format(Locale.ROOT, "pending %5d | processed/s %7.1f | lag ms", pending, perSecond));
            figures.forEach((path, values) -> text.append(String.format(
                    Locale.ROOT, " %s %d", path.name().toLowerCase(Locale.ROOT), values.lastLagMillis())));
            if (terminal) {
                ProgressLine.rewrite(err, text.toString());
            } else if (System.nanoTime() - lastPrinted >= PIPE_EVERY_NANOS) {
                err.println(text);
                err.flush();
                lastPrinted = System.nanoTime();
            }
        }

        void end() {
            if (terminal) {
                err.println();
            }
        }
    }

    @Command(
            name = "seed",
            description = {
                "Creates --projects catalog projects in the embedded database and renames each once, so that the "
                        + "trigger queues one sync event per project. Prints {\"projects\":N,\"queued_events\":Q}.",
                "Refused on a database given by --db-url: it writes to projects. Progress goes to stderr when run "
                        + "from a terminal."
            })
    static class Seed extends DatabaseCommand {

        private static final int STEPS = 3;

        static final int MAXIMUM = 10_000_000;

        /** What {@code demo seed} prints. */
        record Output(long projects, long queuedEvents) {}

        @Option(
                names = "--projects",
                paramLabel = "N",
                defaultValue = "1000",
                description = "How many demo projects (1 to 10000000, default: ${DEFAULT-VALUE}).")
        int projects;

        @Override
        void validate() {
            if (projects < 1 || projects > MAXIMUM) {
                throw new ParameterException(
                        spec.commandLine(), "--projects must be between 1 and " + MAXIMUM + ", was " + projects);
            }
            if (database.url().isPresent()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "demo seed writes demo projects, so it only runs on the embedded database (no --db-url)");
            }
        }

        @Override
        int run(CatalogSyncService sync) {
            Optional<ProgressLine> line = ProgressLine.onTerminal(err());
            DemoCatalog.SeedReport report = sync.port(DemoCatalog.class)
                    .seed(projects, line.map(Seed::stepsOn).orElse(step -> {}));
            line.ifPresent(ProgressLine::end);
            printJson(new Output(report.projects(), report.queuedEvents()));
            return 0;
        }

        /** Which of the seed's three statements runs, and how long the seed has taken. */
        private static Consumer<String> stepsOn(ProgressLine line) {
            int[] done = {0};
            return step -> {
                done[0]++;
                line.show(
                        String.format(Locale.ROOT, "[%d/%d] %s (%.1f s so far)", done[0], STEPS, step, line.seconds()));
            };
        }
    }
}
