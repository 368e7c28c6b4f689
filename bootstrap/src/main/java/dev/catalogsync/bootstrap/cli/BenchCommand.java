package dev.catalogsync.bootstrap.cli;

import dev.catalogsync.adapters.postgres.benchmark.BenchDatabase;
import dev.catalogsync.bootstrap.CatalogSyncService;
import dev.catalogsync.bootstrap.bench.BenchSettings;
import dev.catalogsync.bootstrap.bench.Benchmark;
import dev.catalogsync.bootstrap.bench.ChildJvm;
import dev.catalogsync.bootstrap.bench.Machine;
import dev.catalogsync.bootstrap.bench.Workload;
import dev.catalogsync.bootstrap.wiring.BenchModule;
import dev.catalogsync.bootstrap.wiring.CommandLineDriverModule;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        description = {
            "Measures catalog-sync against a faithful baseline of GitLab's per-event algorithm, on the same server "
                    + "in the same run, and prints a Markdown table of medians and ratios on stdout (progress on "
                    + "stderr). Takes about 12 minutes at --scale 1 on a quiet 2-core machine.",
            "(a) worst case: 200k events, each for a different catalog resource; (b) typical: 10k resources with "
                    + "10 events each; (c) 1M events, ours only, with peak heap and RSS; (d) what the trigger costs "
                    + "the writers of projects: bulk updates of 200k ordinary and 200k catalog projects and 20k "
                    + "single-row updates, with our trigger, GitLab's row trigger and none; (e) propagation from "
                    + "commit to synced resource through 'run', by callback and by direct SQL, at 200 updates/s; "
                    + "(f) the ceiling: GitLab's schema drained inside the server, and a sketch that acknowledges a "
                    + "batch with one row instead of rewriting each event.",
            "It works in a database of its own, " + BenchDatabase.NAME + ", created on the server (the embedded "
                    + "PostgreSQL, or the one of --db-url, which needs the right to create databases) and dropped "
                    + "when it ends; it never reads or writes any other database. A --db-url whose database holds "
                    + "tables is refused unless --force is given: such a server has data that matters, and the "
                    + "bench loads it for minutes.",
            "The whole-process measurements ((c), (e) and a row of (a) and (b)) need the standalone jar."
        })
class BenchCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Inject
    Clock clock;

    @Option(
            names = "--runs",
            paramLabel = "N",
            defaultValue = "3",
            description = "How many times each measurement is taken; medians are reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--scale",
            paramLabel = "FACTOR",
            defaultValue = "1",
            description = "Multiplies every count, e.g. 0.1 for a quick look (above 0, at most 10; default: "
                    + "${DEFAULT-VALUE}).")
    double scale;

    @Option(
            names = "--only",
            paramLabel = "LETTERS",
            split = ",",
            description = "Only these measurements, e.g. --only a,d (default: a,b,c,d,e,f).")
    List<String> only = new ArrayList<>();

    @Option(
            names = "--propagation-seconds",
            paramLabel = "SECONDS",
            defaultValue = "20",
            description = "How long each propagation run writes (default: ${DEFAULT-VALUE}).")
    long propagationSeconds;

    @Option(
            names = "--rate",
            paramLabel = "UPDATES_PER_SECOND",
            defaultValue = "200",
            description = "The propagation runs' write rate (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--force",
            description = "Run even though the database of --db-url holds tables of its own (they are never "
                    + "touched; the server is loaded).")
    boolean force;

    @Override
    public Integer call() {
        database.validate(spec.commandLine());
        BenchSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Database server = Database.open(database, false)) {
            refuseADatabaseWithData(server);
            err.println("[bench] creating the database " + BenchDatabase.NAME);
            try (BenchDatabase bench = BenchDatabase.create(server.dataSource(), server.settings());
                    CatalogSyncService service = CatalogSyncService.builder(bench.dataSource())
                            .clock(clock)
                            .overriding(new CommandLineDriverModule(), new BenchModule())
                            .build()) {
                Benchmark benchmark = new Benchmark(service, ChildJvm.ofOwnJar(bench.settings()), settings, err);
                List<String> sections = benchmark.run();
                out.println("### catalog-sync bench, "
                        + Instant.now(clock).toString().substring(0, 10));
                out.println();
                out.println("- machine: " + Machine.describe());
                out.println("- database: " + benchmark.serverVersion() + ", "
                        + (server.isEmbedded() ? "the embedded server (zonky)" : "the server of --db-url"));
                out.println("- command: `catalog-sync bench --runs " + settings.runs() + " --scale " + scale
                        + (only.isEmpty() ? "" : " --only " + String.join(",", only)) + "`");
                sections.forEach(section -> {
                    out.println();
                    out.print(section);
                });
                out.flush();
            }
        }
        return 0;
    }

    private BenchSettings settings() {
        Set<Workload> workloads = EnumSet.noneOf(Workload.class);
        for (String letter : only) {
            workloads.add(Workload.ofLetter(letter)
                    .orElseThrow(() -> new ParameterException(
                            spec.commandLine(), "--only takes letters a to f, not '" + letter + "'")));
        }
        try {
            return new BenchSettings(
                    scale,
                    runs,
                    workloads.isEmpty() ? EnumSet.allOf(Workload.class) : workloads,
                    Duration.ofSeconds(propagationSeconds),
                    rate);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void refuseADatabaseWithData(Database server) {
        if (server.isEmbedded() || force) {
            return;
        }
        List<String> tables = BenchDatabase.tablesOf(server.dataSource(), 3);
        if (!tables.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "the database of --db-url holds tables (" + String.join(", ", tables)
                            + (tables.size() == 3 ? ", ..." : "") + "): the bench works in a database "
                            + BenchDatabase.NAME
                            + " of its own and never touches them, but loads the server for minutes; "
                            + "pass --force if that is fine");
        }
    }
}
