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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
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
    void malformed_bodies_get_400_with_a_message_and_reach_nothing() throws Exception {
        String[][] cases = {
            {"not json", "not JSON"},
            {"[1, 2]", "JSON object"},
            {"{\"changed\": [\"name\"]}", "project_id"},
            {"{\"project_id\": \"7\", \"changed\": [\"name\"]}", "project_id"},
            {"{\"project_id\": 0, \"changed\": [\"name\"]}", "project_id"},
            {"{\"project_id\": 1.5, \"changed\": [\"name\"]}", "project_id"},
            {"{\"project_id\": 7}", "changed"},
            {"{\"project_id\": 7, \"changed\": \"name\"}", "changed"},
            {"{\"project_id\": 7, \"changed\": [1]}", "strings"},
            {"", "JSON object"},
        };
        for (String[] malformed : cases) {
            HttpResponse<String> response = post(malformed[0]);

            assertThat(response.statusCode()).as(malformed[0]).isEqualTo(400);
            assertThat(response.body())
                    .as(malformed[0])
                    .startsWith("{\"error\":")
                    .contains(malformed[1]);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void a_body_far_larger_than_a_hook_is_refused() throws Exception {
        HttpResponse<String> response = post("{\"project_id\": 7, \"changed\": [\"" + "x".repeat(70_000) + "\"]}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(received).isEmpty();
    }

    @Test
    void the_hook_accepts_post_only() throws Exception {
        HttpResponse<String> response = send("GET", ProjectUpdateHook.HOOK_PATH, null);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void a_failure_to_reach_the_database_is_503_so_that_the_caller_retries() throws Exception {
        failure = new IllegalStateException("Connection refused");

        HttpResponse<String> response = post("{\"project_id\": 7, \"changed\": [\"name\"]}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("Connection refused");
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
