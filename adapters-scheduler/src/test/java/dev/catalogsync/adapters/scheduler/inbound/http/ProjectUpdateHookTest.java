package dev.catalogsync.adapters.scheduler.inbound.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdateOutcome;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdated;
import java.io.IOException;
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
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hook and the health check over real HTTP on the loopback, served as {@code run} serves them, with the use
 * case replaced by one that records and answers.
 */
class ProjectUpdateHookTest {

    private final List<ProjectUpdated> received = new ArrayList<>();
    private volatile ProjectUpdateOutcome answer = ProjectUpdateOutcome.ENQUEUED;
    private volatile RuntimeException failure;
    private final HandleProjectUpdate callback = update -> {
        synchronized (received) {
            received.add(update);
        }
        if (failure != null) {
            throw failure;
        }
        return answer;
    };
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.start(
                new InetSocketAddress("127.0.0.1", 0), List.of(ProjectUpdateHook.route(callback), HealthCheck.route()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return send("POST", ProjectUpdateHook.HOOK_PATH, body);
    }

    @Test
    void an_update_that_enqueues_is_accepted_with_202() throws Exception {
        HttpResponse<String> response = post("{\"project_id\": 42, \"changed\": [\"name\", \"description\"]}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"outcome\":\"enqueued\"}");
        assertThat(received).containsExactly(new ProjectUpdated(42, Set.of("name", "description")));
    }

    @Test
    void an_update_with_nothing_to_do_gets_204_and_the_reason_in_a_header() throws Exception {
        answer = ProjectUpdateOutcome.NOT_A_CATALOG_RESOURCE;

        HttpResponse<String> response = post("{\"project_id\": 7, \"changed\": [\"visibility_level\"]}");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue(ProjectUpdateHook.OUTCOME_HEADER))
                .contains("not_a_catalog_resource");
    }

    @Test
    void columns_other_than_the_mirrored_ones_are_passed_on_for_the_use_case_to_ignore() throws Exception {
        answer = ProjectUpdateOutcome.NO_MIRRORED_ATTRIBUTE_CHANGED;

        HttpResponse<String> response = post("{\"changed\": [\"updated_at\", \"\"], \"project_id\": 7}");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(received).containsExactly(new ProjectUpdated(7, Set.of("updated_at", "")));
    }

    /** A request the hook must refuse, the status it gets, and words its error must hold (for 4xx with a body). */
    record BadRequest(
            String what, String method, String path, String contentType, byte[] body, int status, String says) {
        @Override
        public String toString() {
            return what;
        }
    }

    private static BadRequest bad(String what, String body, int status, String says) {
        return new BadRequest(
                what,
                "POST",
                ProjectUpdateHook.HOOK_PATH,
                "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                status,
                says);
    }

    static Stream<BadRequest> badRequests() {
        String valid = "{\"project_id\": 7, \"changed\": [\"name\"]}";
        byte[] notUtf8 = {'{', '"', 'p', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        return Stream.of(
                bad("not JSON", "not json", 400, "not JSON"),
                bad("an empty body", "", 400, "JSON object"),
                bad("an array", "[1, 2]", 400, "JSON object"),
                bad("a bare number", "7", 400, "JSON object"),
                bad("trailing garbage after the object", valid + " garbage", 400, "nothing after it"),
                bad("a second object after the first", valid + valid, 400, "nothing after it"),
                bad("a field twice", "{\"project_id\": 7, \"project_id\": 8, \"changed\": []}", 400, "project_id"),
                bad(
                        "an unknown field",
                        "{\"project_id\": 7, \"changed\": [], \"hint\": 1}",
                        400,
                        "unknown field 'hint'"),
                bad("a misspelt field", "{\"project_id\": 7, \"change\": [\"name\"]}", 400, "unknown field 'change'"),
                bad("no project_id", "{\"changed\": [\"name\"]}", 400, "project_id"),
                bad("project_id as a string", "{\"project_id\": \"7\", \"changed\": []}", 400, "project_id"),
                bad("project_id 0", "{\"project_id\": 0, \"changed\": []}", 400, "project_id"),
                bad("project_id negative", "{\"project_id\": -7, \"changed\": []}", 400, "project_id"),
                bad("project_id a fraction", "{\"project_id\": 1.5, \"changed\": []}", 400, "project_id"),
                bad("project_id in exponent form", "{\"project_id\": 7e0, \"changed\": []}", 400, "project_id"),
                bad(
                        "project_id beyond a long",
                        "{\"project_id\": 99999999999999999999, \"changed\": []}",
                        400,
                        "project_id"),
                bad("project_id null", "{\"project_id\": null, \"changed\": []}", 400, "project_id"),
                bad("project_id true", "{\"project_id\": true, \"changed\": []}", 400, "project_id"),
                bad("no changed", "{\"project_id\": 7}", 400, "changed"),
                bad("changed a string", "{\"project_id\": 7, \"changed\": \"name\"}", 400, "changed"),
                bad("changed null", "{\"project_id\": 7, \"changed\": null}", 400, "changed"),
                bad("changed holding a number", "{\"project_id\": 7, \"changed\": [1]}", 400, "strings"),
                bad("changed holding null", "{\"project_id\": 7, \"changed\": [null]}", 400, "strings"),
                bad("changed holding an array", "{\"project_id\": 7, \"changed\": [[\"name\"]]}", 400, "strings"),
                bad(
                        "nesting deeper than any parser should follow",
                        "{\"project_id\": 7, \"changed\": " + "[".repeat(5000) + "]".repeat(5000) + "}",
                        400,
                        "nests deeper"),
                new BadRequest(
                        "bytes that are not UTF-8",
                        "POST",
                        ProjectUpdateHook.HOOK_PATH,
                        "application/json",
                        notUtf8,
                        400,
                        "not JSON"),
                bad(
                        "a body far larger than a hook",
                        "{\"project_id\": 7, \"changed\": [\"" + "x".repeat(70_000) + "\"]}",
                        413,
                        "larger than"),
                new BadRequest(
                        "text/plain, as a web page's form or fetch sends",
                        "POST",
                        ProjectUpdateHook.HOOK_PATH,
                        "text/plain",
                        valid.getBytes(StandardCharsets.UTF_8),
                        415,
                        "application/json"),
                new BadRequest(
                        "no content type",
                        "POST",
                        ProjectUpdateHook.HOOK_PATH,
                        null,
                        valid.getBytes(StandardCharsets.UTF_8),
                        415,
                        "application/json"),
                new BadRequest("GET", "GET", ProjectUpdateHook.HOOK_PATH, null, null, 405, "accepts POST only"),
                new BadRequest(
                        "PUT",
                        "PUT",
                        ProjectUpdateHook.HOOK_PATH,
                        "application/json",
                        valid.getBytes(StandardCharsets.UTF_8),
                        405,
                        "accepts POST only"),
                new BadRequest(
                        "a path with a trailing slash",
                        "POST",
                        ProjectUpdateHook.HOOK_PATH + "/",
                        "application/json",
                        valid.getBytes(StandardCharsets.UTF_8),
                        404,
                        "no such endpoint"),
                new BadRequest(
                        "a path spelt with an underscore",
                        "POST",
                        "/hooks/project_updated",
                        "application/json",
                        valid.getBytes(StandardCharsets.UTF_8),
                        404,
                        "no such endpoint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void a_bad_request_gets_its_status_and_one_line_naming_the_problem_and_reaches_nothing(BadRequest bad)
            throws Exception {
        HttpResponse<String> response = send(bad.method(), bad.path(), bad.body(), bad.contentType());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(bad.status());
        assertThat(response.body())
                .startsWith("{\"error\":\"")
                .contains(bad.says())
                .doesNotContain("\n", "Exception", "\tat ", "jackson");
        assertThat(response.body().length()).isLessThan(400);
        assertThat(received).isEmpty();
    }

    @Test
    void a_failure_to_reach_the_database_is_503_so_that_the_caller_retries_and_names_no_sql() throws Exception {
        failure = new IllegalStateException(
                "SQL [select id from catalog_resources where project_id = ?]; Connection refused",
                new SQLTransientConnectionException("Connection to db.internal:5432 refused"));

        HttpResponse<String> response = post("{\"project_id\": 7, \"changed\": [\"name\"]}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"error\":\"the database is unavailable; try again\"}");
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void any_other_failure_is_500_and_names_the_project_not_the_failure() throws Exception {
        failure = new IllegalStateException("internal detail: /var/lib/secret");

        HttpResponse<String> response = post("{\"project_id\": 7, \"changed\": [\"name\"]}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("project 7").doesNotContain("internal detail", "/var/lib");
    }

    @Test
    void health_answers_200_and_unknown_paths_404() throws Exception {
        assertThat(send("GET", "/health", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/hooks/project-updated/extra", "{}").statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/", null).statusCode()).isEqualTo(404);
    }
}
