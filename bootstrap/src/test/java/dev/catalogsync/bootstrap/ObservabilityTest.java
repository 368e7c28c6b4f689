package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.DataSources;
import dev.catalogsync.adapters.postgres.PostgresConnectionSettings;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.in.BatchSize;
import dev.catalogsync.application.port.in.DrainSyncEvents;
import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdated;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.in.ReportQueueStatus;
import dev.catalogsync.application.port.out.CronTicks;
import dev.catalogsync.application.port.out.ServiceInstances;
import dev.catalogsync.bootstrap.metrics.MetricNames;
import dev.catalogsync.bootstrap.observe.QueueSampler;
import dev.catalogsync.bootstrap.observe.StatusDocument;
import dev.catalogsync.bootstrap.wiring.CommandLineDriverModule;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What an operator sees of a service embedded in-process on a real PostgreSQL: each metric moving across a real
 * drain and a real service run, {@code /metrics}, {@code /status} and {@code /ready} over HTTP, readiness through a
 * database outage, and the shipped dashboard and alerts querying only metrics the service exports.
 */
class ObservabilityTest {

    private static final String FLAG = "ci_process_catalog_resource_sync_events";
    private static final Duration GENEROUSLY = Duration.ofSeconds(60);
    private static final Pattern METRIC = Pattern.compile("\\b((?:catalog_sync|jvm)_[A-Za-z0-9_]+)");

    private static PostgresTestDatabase database;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyTables() {
        database.truncateAll();
    }

    private static void backlogOf(int events) {
        database.execute(
                "INSERT INTO projects (id, name) SELECT g, 'p' || g FROM generate_series(1, " + events + ") g");
        database.execute("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects");
        database.execute("UPDATE projects SET name = name || ' renamed'");
    }

    private static Object gauge(MetricRegistry registry, String name) {
        return registry.getGauges().get(name).getValue();
    }

    @Test
    void each_metric_moves_as_it_should_across_a_real_drain() {
        backlogOf(250);
        try (CatalogSyncService sync = CatalogSyncService.builder(database.dataSource())
                .overriding(new CommandLineDriverModule())
                .build()) {
            MetricRegistry registry = sync.metricRegistry();
            QueueSampler sampler = sync.port(QueueSampler.class);
            DrainSyncEvents drain = sync.port(DrainSyncEvents.class);

            sampler.sampleOnce();
            assertThat(gauge(registry, MetricNames.EVENTS_PENDING)).isEqualTo(250L);
            assertThat((Double) gauge(registry, MetricNames.EVENTS_OLDEST_PENDING_AGE))
                    .isGreaterThanOrEqualTo(0.0);
            assertThat(gauge(registry, MetricNames.FEATURE_ENABLED)).isEqualTo(0);
            drain.drain(new BatchSize(100), DrainSyncEvents.Listener.NONE);
            assertThat(registry.counter("catalog_sync.worker.skipped.flag_off").getCount())
                    .isEqualTo(1);
            assertThat(registry.meter(MetricNames.EVENTS_PROCESSED).getCount()).isZero();

            sync.port(ManageFeatureFlags.class).set(FLAG, true);
            DrainSyncEvents.DrainReport report = drain.drain(new BatchSize(100), DrainSyncEvents.Listener.NONE);

            assertThat(report.processedEvents()).isEqualTo(250);
            assertThat(registry.meter(MetricNames.EVENTS_PROCESSED).getCount()).isEqualTo(250);
            assertThat(registry.timer(MetricNames.WORKER_DURATION).getCount()).isEqualTo(1 + report.runs());
            assertThat(registry.histogram(MetricNames.WORKER_CONSUMABLE_EVENTS)
                            .getSnapshot()
                            .getMax())
                    .isEqualTo(100);
            assertThat(registry.counter("catalog_sync.enqueues.worker.enqueued").getCount())
                    .as("re-enqueues asked for by the runs that left events pending")
                    .isEqualTo(report.runs() - 1);
            sampler.sampleOnce();
            assertThat(gauge(registry, MetricNames.EVENTS_PENDING)).isEqualTo(0L);
            assertThat(gauge(registry, MetricNames.EVENTS_OLDEST_PENDING_AGE)).isEqualTo(0.0);
            assertThat(gauge(registry, MetricNames.FEATURE_ENABLED)).isEqualTo(1);
            assertThat(gauge(registry, MetricNames.LEASE_HELD)).isEqualTo(0);
        }
    }

    @Test
    void a_running_service_serves_its_metrics_status_and_readiness_and_the_docs_query_only_real_metrics()
            throws Exception {
        database.execute("INSERT INTO projects (id, name) VALUES (1, 'before'), (2, 'two')");
        database.execute("INSERT INTO catalog_resources (project_id, name) VALUES (1, 'before'), (2, 'two')");
        try (CatalogSyncService sync =
                CatalogSyncService.builder(database.dataSource()).httpPort(0).build()) {
            sync.port(ManageFeatureFlags.class).set(FLAG, true);
            sync.start();
            URI base = URI.create("http://127.0.0.1:"
                    + sync.httpAddress().map(InetSocketAddress::getPort).orElseThrow());

            database.execute("UPDATE projects SET name = 'by direct SQL' WHERE id = 1");
            await().atMost(GENEROUSLY).until(() -> mirrored(1, "by direct SQL"));
            database.execute("UPDATE projects SET name = 'by the application' WHERE id = 2");
            sync.port(HandleProjectUpdate.class).handle(new ProjectUpdated(2, Set.of("name")));
            await().atMost(GENEROUSLY).until(() -> mirrored(2, "by the application"));
            await("a sample after the sync")
                    .atMost(GENEROUSLY)
                    .until(() -> get(base, "/metrics").body().contains("catalog_sync_events_pending 0.0"));

            String metrics = get(base, "/metrics").body();
            assertThat(metrics)
                    .contains(
                            "catalog_sync_events_processed_total 2.0",
                            "catalog_sync_enqueues_total{outcome=\"enqueued\",path=\"callback\"} 1.0",
                            "catalog_sync_feature_enabled 1.0",
                            "catalog_sync_scheduler_total{event=\"ran_execute_due\"}",
                            "jvm_threads_count");
            assertThat(metrics)
                    .containsPattern("catalog_sync_enqueues_total\\{outcome=\"enqueued\",path=\"poll\"} [1-9]");
            await("ready").atMost(GENEROUSLY).until(() -> get(base, "/ready").statusCode() == 200);

            HttpResponse<String> status = get(base, "/status");
            assertThat(status.statusCode()).isEqualTo(200);
            JsonNode document = json.readTree(status.body());
            assertThat(document.get("pending_events").asLong()).isZero();
            assertThat(document.get(FLAG).asBoolean()).isTrue();
            assertThat(document.at("/flag/last_change/origin").asText()).isEqualTo("embedding");
            assertThat(document.at("/flag/last_change/after").asText()).isEqualTo("enabled");
            assertThat(document.get("next_cron_tick").asText()).isNotBlank();
            assertThat(document.at("/last_worker_run/outcome").asText()).isEqualTo("processed");
            assertThat(document.get("recent_worker_runs").size()).isBetween(2, 20);
            assertThat(document.at("/enqueues/callback/enqueued").asLong()).isEqualTo(1);
            assertThat(document.at("/processed_per_second/processed_events").asLong())
                    .as("the console's chart")
                    .isEqualTo(2);
            assertThat(document.at("/processed_per_second/per_second").size()).isEqualTo(90);
            assertThat(document.at("/partition_details/attached/0/state").asText())
                    .isEqualTo("active");
            String instance = document.get("instance").asText();
            assertThat(document.get("instances").findValuesAsText("name"))
                    .as("this instance's heartbeat")
                    .contains(instance);
            await("the heartbeat to carry the last worker run, for the status command")
                    .atMost(GENEROUSLY)
                    .until(() -> json.readTree(StatusDocument.fromDatabase(
                                            sync.port(ReportQueueStatus.class),
                                            sync.port(ManageFeatureFlags.class),
                                            sync.port(CronTicks.class),
                                            sync.port(ServiceInstances.class),
                                            sync.port(AuditOperations.class),
                                            FLAG,
                                            Instant.now())
                                    .toJson())
                            .at("/instances/0/last_worker_run/outcome")
                            .asText()
                            .equals("processed"));

            String secret = database.settings().password();
            for (String body :
                    List.of(metrics, status.body(), get(base, "/ready").body())) {
                assertThat(body).doesNotContain("SQL [", "\tat ");
                if (!secret.isEmpty()) {
                    assertThat(body).doesNotContain("password", secret);
                }
            }

            Set<String> exported = sampleNames(metrics);
            assertThat(metricsQueriedBy(Path.of("../docs/grafana/catalog-sync.json"), true))
                    .isNotEmpty()
                    .allSatisfy(name ->
                            assertThat(exported).as("exported by /metrics").contains(name));
            assertThat(metricsQueriedBy(Path.of("../docs/prometheus/alerts.yml"), false))
                    .isNotEmpty()
                    .allSatisfy(name ->
                            assertThat(exported).as("exported by /metrics").contains(name));
        }
        assertThat(database.count("SELECT count(*) FROM catalog_sync_instances"))
                .as("a service that stops leaves the instances' list")
                .isZero();
    }

    @Test
    void ready_turns_503_naming_the_database_while_it_is_unreachable_and_200_when_it_returns() throws Exception {
        URI direct = URI.create(database.settings().jdbcUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(new InetSocketAddress(direct.getHost(), direct.getPort()));
                HikariDataSource pool = DataSources.pooled(
                        new PostgresConnectionSettings(
                                "jdbc:postgresql://127.0.0.1:" + proxy.port() + direct.getPath(),
                                database.settings().user(),
                                database.settings().password()),
                        "through-proxy",
                        8);
                CatalogSyncService sync =
                        CatalogSyncService.builder(pool).httpPort(0).build()) {
            sync.start();
            URI base = URI.create("http://127.0.0.1:"
                    + sync.httpAddress().map(InetSocketAddress::getPort).orElseThrow());
            await("ready").atMost(GENEROUSLY).until(() -> get(base, "/ready").statusCode() == 200);

            proxy.cut();
            await("not ready while the database is away")
                    .atMost(GENEROUSLY)
                    .until(() -> get(base, "/ready").statusCode() == 503);
            JsonNode notReady = json.readTree(get(base, "/ready").body());
            assertThat(notReady.get("status").asText()).isEqualTo("not_ready");
            assertThat(notReady.get("failing").toString()).contains("database");
            HttpResponse<String> status = get(base, "/status");
            assertThat(status.statusCode()).isEqualTo(503);
            assertThat(status.body()).startsWith("{\"error\":").doesNotContain("SQL [", "select", "\tat ");
            assertThat(get(base, "/health").statusCode())
                    .as("alive all the same")
                    .isEqualTo(200);

            proxy.restore();
            await("ready again")
                    .atMost(GENEROUSLY)
                    .until(() -> get(base, "/ready").statusCode() == 200);
        }
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean mirrored(long projectId, String name) {
        return database.count("SELECT count(*) FROM catalog_resources WHERE project_id = " + projectId + " AND name = '"
                        + name + "'")
                == 1;
    }

    /** The sample names of a scrape: {@code name{labels} value} and {@code name value} lines. */
    private static Set<String> sampleNames(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .forEach(names::add);
        return names;
    }

    /** Every metric name in the expressions of a Grafana dashboard or a Prometheus rules file. */
    private Set<String> metricsQueriedBy(Path file, boolean grafana) throws Exception {
        List<String> expressions = new ArrayList<>();
        if (grafana) {
            for (JsonNode panel : json.readTree(file.toFile()).get("panels")) {
                panel.get("targets")
                        .forEach(target -> expressions.add(target.get("expr").asText()));
            }
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                Map<String, Object> rules = new Yaml().load(in);
                for (Object group : (List<?>) rules.get("groups")) {
                    for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                        expressions.add(String.valueOf(((Map<?, ?>) rule).get("expr")));
                    }
                }
            }
        }
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
