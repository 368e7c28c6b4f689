package dev.catalogsync.adapters.scheduler.inbound.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final String JSON = "application/json";

    private HttpServer serve(HttpRoute... routes) throws IOException {
        server = HttpServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(routes));
        return server;
    }

    private HttpServer serve(HttpAccess access, HttpServer.Limits limits, HttpRoute... routes) throws IOException {
        server = HttpServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(routes), access, limits);
        return server;
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", JSON)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A request written by hand, for what the JDK's client will not send (a Host of our choosing); read to the end. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String rawResponse) {
        return Integer.parseInt(rawResponse.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
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

    /**
     * A client that sent a whole request head and the start of its body, then nothing: it promised 100 bytes and
     * sent 10.
     */
    private Socket clientThatNeverFinishesItsBody(String path) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.address().getPort());
        toClose.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"project\"")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** A route that holds every request until {@code release} opens, counting those it holds. */
    private static HttpRoute blocking(String path, CountDownLatch release, AtomicInteger entered) {
        return HttpRoute.post(path, 100, request -> {
            entered.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return RouteResponse.empty(204);
        });
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

        HttpResponse<String> response = send(
                "PUT",
                "/echo?ignored=1",
                HttpRequest.BodyPublishers.ofString("héllo"),
                "X-Probe",
                "42",
                "Content-Type",
                JSON);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"method\":\"PUT\"", "\"path\":\"/echo\"", "\"probe\":\"42\"", "\"body\":\"héllo\"");
    }

    @Test
    void a_body_over_the_route_limit_is_413_whether_its_length_was_declared_or_not() throws Exception {
        serve(echo("/echo", 100));
        byte[] tooLarge = "x".repeat(101).getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> declared =
                send("POST", "/echo", HttpRequest.BodyPublishers.ofByteArray(tooLarge), "Content-Type", JSON);
        HttpResponse<String> chunked = send(
                "POST",
                "/echo",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge)),
                "Content-Type",
                JSON);
        HttpResponse<String> atTheLimit = send(
                "POST",
                "/echo",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[100])),
                "Content-Type",
                JSON);

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
    void four_clients_that_never_finish_their_body_hold_no_thread_and_no_turn() throws Exception {
        // One turn at a time and no queue: a client holding a turn while it sends would lock everyone else out.
        serve(
                HttpAccess.WITHOUT_TOKEN,
                new HttpServer.Limits(1, 0, Duration.ofSeconds(5), Duration.ofSeconds(30)),
                HealthCheck.route(),
                echo("/echo", 1024));
        for (int i = 0; i < 4; i++) {
            clientThatNeverFinishesItsBody("/echo");
        }
        for (int i = 0; i < HttpServer.MAX_THREADS * 2; i++) {
            clientThatNeverFinishesItsBody("/echo");
        }

        HttpResponse<String> health = send("GET", HealthCheck.HEALTH_PATH);
        HttpResponse<String> work =
                send("POST", "/echo", HttpRequest.BodyPublishers.ofString("{}"), "Content-Type", JSON);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(work.statusCode()).as(work.body()).isEqualTo(200);
        assertThat(server.requestsWaiting()).isZero();
    }

    @Test
    void a_full_queue_answers_503_at_once_while_health_still_answers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        serve(
                HttpAccess.WITHOUT_TOKEN,
                new HttpServer.Limits(1, 1, Duration.ofSeconds(30), Duration.ofSeconds(10)),
                HealthCheck.route(),
                blocking("/work", release, entered));
        try {
            CompletableFuture<HttpResponse<String>> running = sendAsync("POST", "/work", "{}");
            await("the first request to run").atMost(Duration.ofSeconds(10)).until(() -> entered.get() == 1);
            CompletableFuture<HttpResponse<String>> waiting = sendAsync("POST", "/work", "{}");
            await("the second request to wait")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> server.requestsWaiting() == 1);

            HttpResponse<String> refused = sendAsync("POST", "/work", "{}").get(10, TimeUnit.SECONDS);
            HttpResponse<String> health = send("GET", HealthCheck.HEALTH_PATH);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(refused.body()).startsWith("{\"error\":\"the server is busy");
            assertThat(health.statusCode()).as("a probe skips the queue").isEqualTo(200);
            assertThat(entered)
                    .as("the refused request never reached the route")
                    .hasValue(1);

            release.countDown();
            assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
            assertThat(waiting.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
            assertThat(entered).hasValue(2);
        } finally {
            release.countDown();
        }
    }

    @Test
    void a_request_that_waits_its_longest_for_a_turn_is_answered_503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        serve(
                HttpAccess.WITHOUT_TOKEN,
                new HttpServer.Limits(1, 4, Duration.ofMillis(200), Duration.ofSeconds(10)),
                blocking("/work", release, entered));
        try {
            CompletableFuture<HttpResponse<String>> running = sendAsync("POST", "/work", "{}");
            await("the first request to run").atMost(Duration.ofSeconds(10)).until(() -> entered.get() == 1);

            HttpResponse<String> expired = sendAsync("POST", "/work", "{}").get(10, TimeUnit.SECONDS);

            assertThat(expired.statusCode()).isEqualTo(503);
            assertThat(expired.body()).startsWith("{\"error\":\"the server is busy");
            release.countDown();
            assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
            assertThat(entered).hasValue(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void a_body_trickling_in_past_the_deadline_is_answered_408() throws Exception {
        AtomicReference<RouteRequest> seen = new AtomicReference<>();
        serve(
                HttpAccess.WITHOUT_TOKEN,
                new HttpServer.Limits(1, 0, Duration.ofSeconds(5), Duration.ofMillis(300)),
                HttpRoute.post("/seen", 1000, request -> {
                    seen.set(request);
                    return RouteResponse.empty(204);
                }));
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /seen HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // One byte every 100 ms: never idle long enough for the idle timeout, never done either.
            await("an answer to the trickling body")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        out.write(' ');
                        out.flush();
                        return in.available() > 0;
                    });
            String response = new String(in.readNBytes(in.available()), StandardCharsets.UTF_8);

            assertThat(status(response)).isEqualTo(408);
            assertThat(response).contains("{\"error\":\"the body did not arrive within 300 ms\"}");
        }
        assertThat(seen).hasValue(null);
    }

    @Test
    void a_host_header_naming_another_server_is_answered_421_before_the_route() throws Exception {
        AtomicReference<RouteRequest> seen = new AtomicReference<>();
        serve(HttpRoute.get("/seen", request -> {
            seen.set(request);
            return RouteResponse.empty(204);
        }));

        String rebound = raw("GET /seen HTTP/1.1\r\nHost: evil.example:"
                + server.address().getPort() + "\r\nConnection: close\r\n\r\n");
        String local = raw("GET /seen HTTP/1.1\r\nHost: localhost:"
                + server.address().getPort() + "\r\nConnection: close\r\n\r\n");

        assertThat(status(rebound)).isEqualTo(421);
        assertThat(rebound).contains("{\"error\":\"the Host header 'evil.example:");
        assertThat(status(local)).isEqualTo(204);
        assertThat(seen.get()).isNotNull();
    }

    @Test
    void with_a_token_state_changing_and_read_only_requests_need_it_and_probes_do_not() throws Exception {
        AtomicInteger reached = new AtomicInteger();
        serve(
                HttpAccess.withToken(BearerToken.of(TOKEN)),
                HttpServer.Limits.DEFAULT,
                HealthCheck.route(),
                HttpRoute.get("/status", request -> {
                    reached.incrementAndGet();
                    return RouteResponse.empty(204);
                }),
                HttpRoute.post("/hook", 100, request -> {
                    reached.incrementAndGet();
                    return RouteResponse.empty(204);
                }));
        BodyPublisher json = HttpRequest.BodyPublishers.ofString("{}");

        HttpResponse<String> none = send("POST", "/hook", json, "Content-Type", JSON);
        HttpResponse<String> wrong =
                send("POST", "/hook", json, "Content-Type", JSON, "Authorization", "Bearer " + TOKEN + "x");
        HttpResponse<String> readWithout = send("GET", "/status");
        assertThat(reached).as("refused requests reach no route").hasValue(0);
        HttpResponse<String> right =
                send("POST", "/hook", json, "Content-Type", JSON, "Authorization", "Bearer " + TOKEN);
        HttpResponse<String> readWith =
                send("GET", "/status", HttpRequest.BodyPublishers.noBody(), "Authorization", "Bearer " + TOKEN);
        HttpResponse<String> health = send("GET", HealthCheck.HEALTH_PATH);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"catalog-sync\"");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain(TOKEN);
        assertThat(readWithout.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(204);
        assertThat(readWith.statusCode()).isEqualTo(204);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(reached).hasValue(2);
    }

    @Test
    void reads_configured_open_answer_without_the_token_and_changes_still_need_it() throws Exception {
        serve(
                HttpAccess.withToken(BearerToken.of(TOKEN)).withReadsOpen(true),
                HttpServer.Limits.DEFAULT,
                HttpRoute.get("/status", request -> RouteResponse.empty(204)),
                HttpRoute.post("/hook", 100, request -> RouteResponse.empty(204)));

        assertThat(send("GET", "/status").statusCode()).isEqualTo(204);
        assertThat(send("POST", "/hook", HttpRequest.BodyPublishers.ofString("{}"), "Content-Type", JSON)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void a_state_changing_request_that_a_web_page_could_send_is_refused() throws Exception {
        AtomicInteger reached = new AtomicInteger();
        serve(HttpRoute.post("/hook", 100, request -> {
            reached.incrementAndGet();
            return RouteResponse.empty(204);
        }));
        BodyPublisher body = HttpRequest.BodyPublishers.ofString("{}");

        HttpResponse<String> plainText = send("POST", "/hook", body, "Content-Type", "text/plain");
        HttpResponse<String> crossSite =
                send("POST", "/hook", body, "Content-Type", JSON, "Sec-Fetch-Site", "cross-site");
        HttpResponse<String> otherOrigin =
                send("POST", "/hook", body, "Content-Type", JSON, "Origin", "http://localhost:3000");

        assertThat(plainText.statusCode()).isEqualTo(415);
        assertThat(plainText.body()).contains("application/json");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(reached).hasValue(0);
        assertThat(send("OPTIONS", "/hook").statusCode())
                .as("no CORS preflight is ever granted")
                .isEqualTo(405);
    }

    @Test
    void listening_beyond_the_loopback_without_a_token_is_refused() {
        assertThatThrownBy(() -> HttpServer.start(new InetSocketAddress("0.0.0.0", 0), List.of(HealthCheck.route())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token");
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
