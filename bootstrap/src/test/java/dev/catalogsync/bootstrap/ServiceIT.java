package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import dev.catalogsync.bootstrap.CatalogSyncJar.Service;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code catalog-sync run} as a deployed service: started as a process, fed by SQL and HTTP, stopped by SIGTERM. */
class ServiceIT {

    private static final String FLAG = "ci_process_catalog_resource_sync_events";
    /** Once a year: keeps the cron out of tests that must show another path at work. */
    private static final String CRON_OUT_OF_THE_WAY = "0 0 1 1 *";
    /** "Synced within about a second", with room for a loaded two-core build machine. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(90);
    private static final int BACKLOG_OF_TWO = 60_000;

    private static PostgresTestDatabase database;
    private static Map<String, String> env;

    private final List<Service> services = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.createMigrated();
        env = CatalogSyncJar.environmentFor(database);
    }

    @BeforeEach
    void emptyTables() {
        database.truncateAll();
    }

    @AfterEach
    void killWhatIsStillRunning() {
        services.forEach(Service::close);
    }

    private Service service(String... args) {
        Service service = CatalogSyncJar.startService(env, args);
        services.add(service);
        return service;
    }

    private static void sql(String statement) {
        database.execute(statement);
    }

    private static long count(String query) {
        return database.count(query);
    }

    private static void flag(boolean enabled) {
        Result set = CatalogSyncJar.run(env, "feature", "set", FLAG, String.valueOf(enabled));
        assertThat(set.exitCode()).as(set.stderr()).isZero();
    }

    private static long pending() {
        return count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 1");
    }

    private static long mirroring(String name) {
        return count("SELECT count(*) FROM catalog_resources WHERE name = '" + name + "'");
    }

    private static void backlogOf(int events) {
        sql("INSERT INTO projects (id, name) SELECT g, 'p' || g FROM generate_series(1, " + events + ") g");
        sql("INSERT INTO catalog_resources (project_id, name) SELECT id, name FROM projects");
        sql("UPDATE projects SET name = name || ' renamed'");
    }

    private static long resourcesBehindTheirProject() {
        return count("SELECT count(*) FROM catalog_resources c JOIN projects p ON p.id = c.project_id "
                + "WHERE (c.name, c.description, c.visibility_level) IS DISTINCT FROM "
                + "(p.name, p.description, p.visibility_level)");
    }

    private HttpResponse<String> postHook(Service service, String body) throws Exception {
        return postHook(service, body, null);
    }

    private HttpResponse<String> postHook(Service service, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri("/hooks/project-updated"))
                .timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_direct_sql_update_reaches_the_mirror_without_any_callback() {
        sql("INSERT INTO projects (id, name) VALUES (1, 'before')");
        sql("INSERT INTO catalog_resources (project_id, name) VALUES (1, 'before')");
        flag(true);
        service("--cron", CRON_OUT_OF_THE_WAY);

        long updated = System.nanoTime();
        sql("UPDATE projects SET name = 'after direct SQL' WHERE id = 1");

        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(20)).until(() -> mirroring("after direct SQL") == 1);
        System.out.printf(
                "direct SQL update to mirror: %d ms%n",
                Duration.ofNanos(System.nanoTime() - updated).toMillis());
        await("the event marked processed, after the copy").atMost(PROMPTLY).until(() -> pending() == 0);
    }

    @Test
    void the_hook_enqueues_for_a_catalog_project_and_the_mirror_follows() throws Exception {
        sql("INSERT INTO projects (id, name) VALUES (1, 'listed'), (2, 'not listed')");
        sql("INSERT INTO catalog_resources (project_id, name) VALUES (1, 'listed')");
        flag(true);
        Service service = service("--cron", CRON_OUT_OF_THE_WAY, "--poll-interval-ms", "0");

        List<Long> latencies = new ArrayList<>();
        for (int update = 1; update <= 5; update++) {
            String name = "renamed through the application " + update;
            sql("UPDATE projects SET name = '" + name + "' WHERE id = 1");
            long committed = System.nanoTime();
            HttpResponse<String> enqueued = postHook(service, "{\"project_id\": 1, \"changed\": [\"name\"]}");

            assertThat(enqueued.statusCode()).as(enqueued.body()).isEqualTo(202);
            await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(5)).until(() -> mirroring(name) == 1);
            latencies.add(Duration.ofNanos(System.nanoTime() - committed).toMillis());
        }
        System.out.printf("callback to mirror, five updates in a row: %s ms%n", latencies);

        HttpResponse<String> notListed = postHook(service, "{\"project_id\": 2, \"changed\": [\"name\"]}");
        assertThat(notListed.statusCode()).isEqualTo(204);
        assertThat(notListed.headers().firstValue("Catalog-Sync-Outcome")).contains("not_a_catalog_resource");
        HttpResponse<String> malformed = postHook(service, "{\"project_id\": \"one\"}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("project_id");
    }

    @Test
    void with_the_flag_off_nothing_is_synced_and_turning_it_on_drains_the_backlog() {
        backlogOf(500);
        Service service = service("--batch-size", "100");

        await("the flag to keep everything pending")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> pending() == 500);
        flag(true);

        await().atMost(PROMPTLY).until(() -> pending() == 0);
        assertThat(resourcesBehindTheirProject()).isZero();
        assertThat(service.stderr()).contains("sync worker done");
    }

    @Test
    void two_services_drain_a_backlog_together_with_nothing_lost_and_no_batch_overlapping() {
        // Small batches over a large backlog: the drain lasts seconds, longer than the stop of one service takes,
        // so that events are surely left for the other one to finish.
        backlogOf(BACKLOG_OF_TWO);
        Service first = service("--batch-size", "50");
        Service second = service("--batch-size", "50");

        flag(true);
        await().atMost(DRAIN_LIMIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 2") >= 5_000);
        // Whichever service holds the chain is stopped mid-drain: the other must take over and finish.
        boolean firstIsDraining = first.stderr().contains("sync worker done");
        Service stoppedEarly = firstIsDraining ? first : second;
        Service finishing = firstIsDraining ? second : first;
        Result early = stoppedEarly.stop(Duration.ofSeconds(10));
        assertThat(pending()).as("left for the other service").isPositive();
        await().atMost(DRAIN_LIMIT).pollInterval(Duration.ofMillis(200)).until(() -> pending() == 0);
        Result late = finishing.stop(Duration.ofSeconds(10));

        assertThat(count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 2"))
                .isEqualTo(BACKLOG_OF_TWO);
        assertThat(resourcesBehindTheirProject()).isZero();
        List<Run> runs = new ArrayList<>(Run.parse(early.stderr(), "stopped early"));
        runs.addAll(Run.parse(late.stderr(), "finishing"));
        assertThat(runs).extracting(Run::by).contains("stopped early", "finishing");
        assertThat(runs.stream().mapToLong(Run::processed).sum())
                .as("events processed by the runs")
                .isEqualTo(BACKLOG_OF_TWO);
        runs.sort(Comparator.comparing(Run::startedAt));
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).startedAt())
                    .as("run %s starts after %s ended", runs.get(i), runs.get(i - 1))
                    .isAfterOrEqualTo(runs.get(i - 1).finishedAt());
        }
        System.out.printf(
                "runs by the service stopped early: %d, by the one finishing: %d%n",
                runs.stream().filter(run -> run.by().equals("stopped early")).count(),
                runs.stream().filter(run -> run.by().equals("finishing")).count());
    }

    @Test
    void sigterm_mid_drain_exits_cleanly_and_loses_nothing() {
        // Large enough that the drain outlasts the stop by far: some thousands of events go while it stops.
        backlogOf(40_000);
        flag(true);
        Service service = service("--batch-size", "50", "--cron", CRON_OUT_OF_THE_WAY);
        await().atMost(DRAIN_LIMIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> count("SELECT count(*) FROM p_catalog_resource_sync_events WHERE status = 2") > 0);

        Result stopped = service.stop(Duration.ofSeconds(10));

        assertThat(stopped.exitCode()).as(stopped.stderr()).isIn(0, 143);
        assertThat(pending()).as("still pending: stopped mid-drain").isPositive();
        assertThat(count("SELECT count(*) FROM p_catalog_resource_sync_events e "
                        + "JOIN catalog_resources c ON c.id = e.catalog_resource_id JOIN projects p ON p.id = c.project_id "
                        + "WHERE e.status = 2 AND c.name IS DISTINCT FROM p.name"))
                .as("processed but not synced")
                .isZero();
        assertThat(count("SELECT count(*) FROM catalog_sync_exclusive_leases WHERE expires_at > now()"))
                .as("leases held")
                .isZero();
        assertThat(count("SELECT count(*) FROM catalog_sync_scheduled_tasks WHERE picked"))
                .as("jobs left picked")
                .isZero();

        service("--batch-size", "1000", "--cron", CRON_OUT_OF_THE_WAY);
        await().atMost(DRAIN_LIMIT).until(() -> pending() == 0);
        assertThat(resourcesBehindTheirProject()).isZero();
    }

    @Test
    void a_database_outage_does_not_stop_the_service_and_the_sync_resumes_when_it_returns() {
        sql("INSERT INTO projects (id, name) VALUES (1, 'before')");
        sql("INSERT INTO catalog_resources (project_id, name) VALUES (1, 'before')");
        flag(true);
        java.net.URI direct = java.net.URI.create(database.settings().jdbcUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(new java.net.InetSocketAddress(direct.getHost(), direct.getPort()))) {
            Map<String, String> throughProxy = new java.util.HashMap<>(env);
            throughProxy.put("CATALOG_SYNC_DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + direct.getPath());
            Service service = CatalogSyncJar.startService(throughProxy, "--cron", CRON_OUT_OF_THE_WAY);
            services.add(service);

            proxy.cut();
            sql("UPDATE projects SET name = 'during the outage' WHERE id = 1");
            await("the service to notice the outage")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> service.stderr().contains("pending poll failed"));
            assertThat(service.process().isAlive()).isTrue();

            proxy.restore();
            await("the sync to resume")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> mirroring("during the outage") == 1);
            assertThat(service.process().isAlive()).isTrue();
            Result stopped = service.stop(Duration.ofSeconds(10));
            assertThat(stopped.exitCode()).as(stopped.stderr()).isIn(0, 143);
        }
    }

    @Test
    void a_service_listening_beyond_the_loopback_needs_its_token_and_never_shows_it() throws Exception {
        String token = "service-it-token-5f2a9c1e7d3b";
        java.nio.file.Path tokenFile = java.nio.file.Files.createTempFile("catalog-sync-token", ".txt");
        tokenFile.toFile().deleteOnExit();
        java.nio.file.Files.writeString(tokenFile, token + "\n");
        java.nio.file.Files.setPosixFilePermissions(
                tokenFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        sql("INSERT INTO projects (id, name) VALUES (1, 'listed')");
        sql("INSERT INTO catalog_resources (project_id, name) VALUES (1, 'listed')");
        flag(true);
        Service service = service(
                "--http-host", "0.0.0.0", "--http-token-file", tokenFile.toString(), "--cron", CRON_OUT_OF_THE_WAY);
        String hook = "{\"project_id\": 1, \"changed\": [\"name\"]}";

        HttpResponse<String> without = postHook(service, hook);
        HttpResponse<String> wrong = postHook(service, hook, "Bearer " + token.replace('5', '6'));
        HttpResponse<String> right = postHook(service, hook, "Bearer " + token);
        HttpResponse<String> unknownProject =
                postHook(service, "{\"project_id\": 424242, \"changed\": [\"name\"]}", "Bearer " + token);
        HttpResponse<String> health =
                http.send(HttpRequest.newBuilder(service.uri("/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(right.statusCode()).as(right.body()).isEqualTo(202);
        assertThat(unknownProject.statusCode()).isEqualTo(204);
        assertThat(unknownProject.headers().firstValue("Catalog-Sync-Outcome")).contains("not_a_catalog_resource");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(service.stdout()).contains("bearer token required");
        assertThat(service.stderr()).contains("every user of this machine can read the token file " + tokenFile);
        Result stopped = service.stop(Duration.ofSeconds(10));
        assertThat(stopped.stdout() + stopped.stderr()).doesNotContain(token);
    }

    @Test
    void bad_options_fail_in_one_line_before_anything_starts() {
        Result seconds = CatalogSyncJar.run(env, "run", "--cron", "0 */1 * * * *");
        assertThat(seconds.exitCode()).isEqualTo(2);
        assertThat(seconds.stderrLines()).hasSize(1).first().asString().contains("--cron", "five-field");

        Result partitions = CatalogSyncJar.run(env, "run", "--partitions-cron", "hourly");
        assertThat(partitions.exitCode()).isEqualTo(2);
        assertThat(partitions.stderrLines()).hasSize(1).first().asString().contains("--partitions-cron", "'hourly'");

        Result port = CatalogSyncJar.run(env, "run", "--http-port", "70000");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.stderrLines()).hasSize(1).first().asString().contains("--http-port");
    }

    /** One run as its "sync worker done" line reports it (in the JSON log's message, or a text line). */
    record Run(String by, long processed, Instant startedAt, Instant finishedAt) {

        private static final Pattern DONE =
                Pattern.compile("sync worker done: .*consumable_events=(\\d+) processed_events=(\\d+) "
                        + ".*started_at=([0-9T:.\\-]+Z) finished_at=([0-9T:.\\-]+Z)");

        static List<Run> parse(String log, String by) {
            List<Run> runs = new ArrayList<>();
            Matcher matcher = DONE.matcher(log);
            while (matcher.find()) {
                runs.add(new Run(
                        by,
                        Long.parseLong(matcher.group(2)),
                        Instant.parse(matcher.group(3)),
                        Instant.parse(matcher.group(4))));
            }
            return runs;
        }
    }
}
