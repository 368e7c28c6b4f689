package dev.catalogsync.adapters.scheduler.inbound.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server and its route table over real HTTP on the loopback, with routes made up for each test. */
class HttpServerTest {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private HttpServer serve(HttpRoute... routes) throws IOException {
        server = HttpServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(routes));
        return server;
    }

    private HttpResponse<String> send(String method, String path, BodyPublisher body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return send(method, path, HttpRequest.BodyPublishers.noBody());
    }

    private static List<Thread> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith(HttpServer.THREAD_NAME_PREFIX))
                .toList();
    }

    /** A client that opened a connection and sent the start of a request line, then nothing. */
    private Socket slowClient() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.address().getPort());
        toClose.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write("GET /hea".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static HttpRoute echo(String path, int maxBodyBytes) {
        return new HttpRoute(
                Set.of("POST", "PUT"),
                path,
                maxBodyBytes,
                request -> RouteResponse.json(
                        200,
                        Map.of(
                                "method", request.method(),
                                "path", request.path(),
                                "probe", request.header("x-PROBE").orElse("none"),
                                "body", request.bodyAsString())));
    }

    @Test
    void an_unknown_path_is_404_with_the_path_in_json() throws Exception {
        serve(HealthCheck.route());

        HttpResponse<String> response = send("GET", "/x");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"no such endpoint: /x\"}");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void a_known_path_asked_with_another_method_is_405_with_the_methods_it_allows() throws Exception {
        serve(HealthCheck.route(), echo("/health", 10));

        HttpResponse<String> response = send("DELETE", "/health");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD, POST, PUT");
        assertThat(response.body()).startsWith("{\"error\":");
        assertThat(send("GET", "/health").statusCode())
                .as("the GET route still answers")
                .isEqualTo(200);
    }

    @Test
    void the_route_sees_the_method_path_headers_and_body() throws Exception {
        serve(echo("/echo", 1024));

        HttpResponse<String> response =
                send("PUT", "/echo?ignored=1", HttpRequest.BodyPublishers.ofString("héllo"), "X-Probe", "42");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"method\":\"PUT\"", "\"path\":\"/echo\"", "\"probe\":\"42\"", "\"body\":\"héllo\"");
    }

    @Test
    void a_body_over_the_route_limit_is_413_whether_its_length_was_declared_or_not() throws Exception {
        serve(echo("/echo", 100));
        byte[] tooLarge = "x".repeat(101).getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> declared = send("POST", "/echo", HttpRequest.BodyPublishers.ofByteArray(tooLarge));
        HttpResponse<String> chunked = send(
                "POST", "/echo", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge)));
        HttpResponse<String> atTheLimit = send(
                "POST",
                "/echo",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[100])));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).isEqualTo("{\"error\":\"body is larger than 100 bytes\"}");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(atTheLimit.statusCode()).isEqualTo(200);
    }

    @Test
    void head_gets_the_status_and_headers_of_get_without_the_body() throws Exception {
        serve(HealthCheck.route());

        HttpResponse<String> response = send("HEAD", HealthCheck.HEALTH_PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).isPresent();
    }

    @Test
    void a_route_that_throws_is_answered_500_in_json_and_the_server_goes_on() throws Exception {
        serve(
                HttpRoute.get("/boom", request -> {
                    throw new IllegalStateException("secret detail");
                }),
                HealthCheck.route());

        HttpResponse<String> response = send("GET", "/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).startsWith("{\"error\":").doesNotContain("secret detail");
        assertThat(send("GET", HealthCheck.HEALTH_PATH).statusCode()).isEqualTo(200);
    }

    @Test
    void headers_over_the_limit_are_refused_before_any_route_sees_them() throws Exception {
        AtomicReference<RouteRequest> seen = new AtomicReference<>();
        serve(HttpRoute.get("/seen", request -> {
            seen.set(request);
            return RouteResponse.empty(204);
        }));

        HttpResponse<String> response = send(
                "GET",
                "/seen",
                HttpRequest.BodyPublishers.noBody(),
                "X-Large",
                "x".repeat(HttpServer.MAX_REQUEST_HEADER_BYTES + 1));

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.body()).startsWith("{\"error\":");
        assertThat(seen).hasValue(null);
    }

    @Test
    void slow_clients_that_sent_half_a_request_line_do_not_keep_health_from_answering() throws Exception {
        serve(HealthCheck.route());
        // Twice as many as the server has threads: one thread per connection would be starved by them.
        for (int i = 0; i < HttpServer.MAX_THREADS * 2; i++) {
            slowClient();
        }

        HttpResponse<String> response = send("GET", HealthCheck.HEALTH_PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void every_thread_of_the_server_is_a_named_daemon_and_close_leaves_none_alive() throws Exception {
        serve(HealthCheck.route());
        slowClient();
        assertThat(send("GET", HealthCheck.HEALTH_PATH).statusCode()).isEqualTo(200);
        assertThat(serverThreads()).isNotEmpty().allMatch(Thread::isDaemon);

        server.close();

        assertThat(serverThreads()).isEmpty();
        server.close();
    }

    @Test
    void a_port_already_taken_fails_to_start_with_an_io_exception_and_leaves_no_thread() throws Exception {
        serve(HealthCheck.route());
        List<Thread> before = serverThreads();

        assertThatThrownBy(() -> HttpServer.start(server.address(), List.of(HealthCheck.route())))
                .isInstanceOf(IOException.class);

        assertThat(serverThreads()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void two_routes_for_one_method_and_path_are_refused() {
        assertThatThrownBy(() -> HttpServer.start(
                        new InetSocketAddress("127.0.0.1", 0),
                        List.of(
                                HealthCheck.route(),
                                HttpRoute.get(HealthCheck.HEALTH_PATH, request -> RouteResponse.empty(204)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two routes answer")
                .hasMessageContaining(" /health");
    }
}
