package dev.catalogsync.adapters.scheduler.inbound.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.scheduler.inbound.http.BearerToken;
import dev.catalogsync.adapters.scheduler.inbound.http.HttpAccess;
import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.HttpServer;
import dev.catalogsync.application.fakes.InMemoryFeatureFlagAudit;
import dev.catalogsync.application.fakes.InMemoryFeatureFlagStore;
import dev.catalogsync.application.fakes.InMemoryOperationLog;
import dev.catalogsync.application.fakes.RecordingWorkerQueue;
import dev.catalogsync.application.fakes.SettableClock;
import dev.catalogsync.application.flags.FeatureFlagDefinitions;
import dev.catalogsync.application.port.in.AuditOperations;
import dev.catalogsync.application.port.in.MaintainQueuePartitions;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.in.ReconcileMirror;
import dev.catalogsync.application.port.out.ChangedBy;
import dev.catalogsync.application.port.out.EnqueueStatistics;
import dev.catalogsync.application.port.out.EnqueueStatistics.EnqueuePath;
import dev.catalogsync.application.port.out.FlagChange;
import dev.catalogsync.application.port.out.Operation;
import dev.catalogsync.application.service.AuditOperationsService;
import dev.catalogsync.application.service.ManageFeatureFlagsService;
import dev.catalogsync.domain.partitioning.PartitionStep;
import dev.catalogsync.domain.partitioning.SlidingListPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's routes over real HTTP on the loopback, under a token as a service bound beyond the loopback has
 * one, with the use cases on in-memory fakes.
 */
class ConsoleRoutesTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String FLAG = FeatureFlagDefinitions.PROCESS_CATALOG_RESOURCE_SYNC_EVENTS.name();
    private static final SlidingListPolicy POLICY = new SlidingListPolicy(Duration.ofDays(1), Duration.ofDays(7));

    private final SettableClock clock = new SettableClock();
    private final InMemoryFeatureFlagAudit flagAudit = new InMemoryFeatureFlagAudit();
    private final ManageFeatureFlags flags =
            new ManageFeatureFlagsService(new InMemoryFeatureFlagStore(), flagAudit, clock);
    private final InMemoryOperationLog operations = new InMemoryOperationLog();
    private final AuditOperations audit = new AuditOperationsService(operations, clock);
    private final RecordingWorkerQueue queue = new RecordingWorkerQueue();
    private final List<String> enqueueDecisions = new ArrayList<>();
    private final EnqueueStatistics statistics = new EnqueueStatistics() {
        @Override
        public void pathDecided(EnqueuePath path, String outcome) {
            enqueueDecisions.add(path.label() + ":" + outcome);
        }
    };
    private final List<Boolean> reconciles = new ArrayList<>();
    private volatile RuntimeException reconcileFailure;
    private final ReconcileMirror reconcile = (request, listener) -> {
        if (reconcileFailure != null) {
            throw reconcileFailure;
        }
        reconciles.add(request.repairs());
        return new ReconcileMirror.ReconcileReport(120, 3, request.repairs() ? 3 : 0);
    };
    private final List<SlidingListPolicy> rounds = new ArrayList<>();
    private final MaintainQueuePartitions partitions = policy -> {
        rounds.add(policy);
        return new MaintainQueuePartitions.Completed(List.of(new PartitionStep.CreateAndActivate(2)), List.of(), 2);
    };
    private final AtomicInteger afterRounds = new AtomicInteger();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        List<HttpRoute> routes = new ArrayList<>(ConsoleAssets.routes());
        routes.add(FlagAction.route(flags, FLAG));
        routes.add(PartitionRoundAction.route(partitions, POLICY, audit, afterRounds::incrementAndGet));
        routes.add(ReconcileAction.route(reconcile, audit));
        routes.add(EnqueueWorkerAction.route(queue, statistics, audit));
        server = HttpServer.start(
                new InetSocketAddress("127.0.0.1", 0), routes, HttpAccess.withToken(BearerToken.of(TOKEN)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> action(String path, String body) throws Exception {
        return post(path, body, "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN);
    }

    private static void hasTheConsolesSecurityHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void the_page_its_script_and_style_load_without_the_token_with_their_types_and_security_headers() throws Exception {
        for (String[] asset : new String[][] {
            {"/", "text/html; charset=utf-8", "<main"},
            {"/console/app.js", "text/javascript; charset=utf-8", "textContent"},
            {"/console/app.css", "text/css; charset=utf-8", ":focus-visible"}
        }) {
            HttpResponse<String> response = get(asset[0]);

            assertThat(response.statusCode()).as(asset[0]).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(asset[0])
                    .contains(asset[1]);
            assertThat(response.headers().firstValue("Cache-Control"))
                    .as(asset[0])
                    .contains("no-cache");
            assertThat(response.body()).as(asset[0]).contains(asset[2]);
            hasTheConsolesSecurityHeaders(response);
        }
    }

    @Test
    void the_page_keeps_the_ids_other_tools_read_and_nothing_the_policy_would_block() throws IOException {
        String page = resource("index.html");

        assertThat(page)
                .contains("id=\"pending-events\"", "id=\"oldest-pending-age\"", "id=\"flag-state\"")
                .contains("<main", "aria-live=\"polite\"", "<th scope=\"col\"", "lang=\"en\"");
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(page).find())
                .as("no inline script")
                .isFalse();
        assertThat(Pattern.compile("\\son[a-z]+=").matcher(page).find())
                .as("no inline handler")
                .isFalse();
        assertThat(Pattern.compile("\\sstyle=").matcher(page).find())
                .as("no inline style")
                .isFalse();
        assertThat(page).as("nothing fetched from elsewhere").doesNotContain("http://", "https://");
        String script = resource("app.js");
        assertThat(script)
                .as("data is written as text, never as HTML")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        assertThat(Pattern.compile("fetch\\(\\s*\"(?!/)").matcher(script).find())
                .as("every request goes to this service, by a path")
                .isFalse();
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void turning_the_flag_on_sets_it_and_records_the_actor_from_the_console() throws Exception {
        HttpResponse<String> response = action(FlagAction.PATH, "{\"enabled\": true, \"actor\": \"alice\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"enabled\":true", "\"actor\":\"alice\"", "\"origin\":\"console\"");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        hasTheConsolesSecurityHeaders(response);
        assertThat(flags.get(FLAG).enabled()).isTrue();
        assertThat(flagAudit.history(FLAG, 5))
                .extracting(FlagChange::changedBy, FlagChange::after)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        new ChangedBy("alice", "console"), FlagChange.StoredState.ENABLED));
    }

    @Test
    void an_action_without_a_name_is_recorded_as_the_console_user() throws Exception {
        assertThat(action(FlagAction.PATH, "{\"enabled\": false}").statusCode()).isEqualTo(200);

        assertThat(flagAudit.history(FLAG, 1).get(0).changedBy())
                .isEqualTo(new ChangedBy(ActionRequest.DEFAULT_ACTOR, "console"));
    }

    @Test
    void an_action_from_another_origin_or_without_the_token_or_json_changes_nothing() throws Exception {
        String body = "{\"enabled\": true}";
        HttpResponse<String> noToken =
                post(FlagAction.PATH, body, "Content-Type", "application/json", "Origin", "http://evil.example");
        HttpResponse<String> otherOrigin = post(
                FlagAction.PATH,
                body,
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + TOKEN,
                "Origin",
                "http://evil.example");
        HttpResponse<String> otherSite = post(
                FlagAction.PATH,
                body,
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + TOKEN,
                "Sec-Fetch-Site",
                "cross-site");
        HttpResponse<String> plainText =
                post(FlagAction.PATH, body, "Content-Type", "text/plain", "Authorization", "Bearer " + TOKEN);
        HttpResponse<String> read = get(FlagAction.PATH);

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(otherSite.statusCode()).isEqualTo(403);
        assertThat(plainText.statusCode()).isEqualTo(415);
        assertThat(read.statusCode()).as("a link or an image cannot act").isEqualTo(405);
        assertThat(flags.get(FLAG).overridden()).isFalse();
        assertThat(flagAudit.history(FLAG, 5)).isEmpty();
    }

    @Test
    void a_body_that_is_not_the_actions_is_refused_saying_why() throws Exception {
        assertThat(action(FlagAction.PATH, "{}").body()).contains("enabled must be true or false");
        assertThat(action(FlagAction.PATH, "{\"enabled\": \"yes\"}").statusCode())
                .isEqualTo(400);
        assertThat(action(FlagAction.PATH, "{\"enabled\": true, \"force\": true}")
                        .body())
                .contains("unknown field 'force'");
        assertThat(action(FlagAction.PATH, "{\"enabled\": true, \"actor\": \"" + "a".repeat(101) + "\"}")
                        .body())
                .contains("actor must be a name");
        assertThat(action(FlagAction.PATH, "{\"enabled\": true, \"actor\": \"a\\nb\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(action(FlagAction.PATH, "[true]").statusCode()).isEqualTo(400);
        assertThat(action(FlagAction.PATH, "{\"enabled\": true} {}").statusCode())
                .isEqualTo(400);
        assertThat(action(FlagAction.PATH, "{\"enabled\": true, \"enabled\": false}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(flagAudit.history(FLAG, 5)).isEmpty();
    }

    @Test
    void reconcile_checks_by_default_repairs_when_asked_and_is_recorded_as_the_last_drift_check() throws Exception {
        HttpResponse<String> check = action(ReconcileAction.PATH, "{\"actor\": \"bob\"}");
        clock.advance(Duration.ofSeconds(5));
        HttpResponse<String> repair = action(ReconcileAction.PATH, "{\"repair\": true, \"actor\": \"bob\"}");

        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body()).contains("\"checked\":120", "\"drifted\":3", "\"queued\":0", "\"repair\":false");
        assertThat(repair.body()).contains("\"queued\":3", "\"repair\":true");
        assertThat(reconciles).containsExactly(false, true);
        assertThat(audit.last(Operation.Kind.RECONCILE)).hasValueSatisfying(last -> {
            assertThat(last.changedBy()).isEqualTo(new ChangedBy("bob", "console"));
            assertThat(last.outcome()).isEqualTo("checked=120 drifted=3 queued=3 (repair)");
        });
    }

    @Test
    void a_partition_round_runs_with_the_services_policy_is_recorded_and_refreshes_the_details() throws Exception {
        HttpResponse<String> response = action(PartitionRoundAction.PATH, "{\"actor\": \"carol\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"outcome\":\"completed\"", "\"created\":[2]", "\"active_partition\":2");
        assertThat(rounds).containsExactly(POLICY);
        assertThat(afterRounds).hasValue(1);
        assertThat(operations.recent(5))
                .extracting(Operation::kind, Operation::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        Operation.Kind.PARTITION_ROUND, "completed created=[2] active=2"));
    }

    @Test
    void enqueueing_the_worker_asks_the_queue_once_under_the_console_path_and_is_recorded() throws Exception {
        HttpResponse<String> response = action(EnqueueWorkerAction.PATH, "");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"outcome\":\"enqueued\"}");
        assertThat(queue.enqueued()).isEqualTo(1);
        assertThat(enqueueDecisions).containsExactly("console:enqueued");
        assertThat(operations.last(Operation.Kind.ENQUEUE_WORKER))
                .hasValueSatisfying(op -> assertThat(op.changedBy().actor()).isEqualTo(ActionRequest.DEFAULT_ACTOR));
    }

    @Test
    void a_database_that_does_not_answer_is_a_503_to_retry_that_repeats_no_sql() throws Exception {
        reconcileFailure = new IllegalStateException(
                "jOOQ; SQL [select * from catalog_resources]",
                new SQLTransientConnectionException("Connection is not available, request timed out"));

        HttpResponse<String> response = action(ReconcileAction.PATH, "{}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(response.body()).isEqualTo("{\"error\":\"the database is unavailable; try again\"}");
        assertThat(operations.recent(5)).as("nothing done, nothing recorded").isEmpty();
    }

    @Test
    void any_other_failure_is_a_500_in_our_words() throws Exception {
        reconcileFailure = new IllegalStateException("secret detail of the failure");

        HttpResponse<String> response = action(ReconcileAction.PATH, "{}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret").contains("the reconcile failed");
    }
}
