package dev.catalogsync.adapters.scheduler.inbound.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute.Access;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The server's security policy, one request at a time: each case, its access, its headers and what it gets. */
class RequestGuardTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String JSON = "application/json";

    private static final HttpAccess OPEN_LOOPBACK = HttpAccess.WITHOUT_TOKEN;
    private static final HttpAccess TOKEN_REQUIRED = HttpAccess.withToken(BearerToken.of(TOKEN));
    private static final HttpAccess READS_OPEN = TOKEN_REQUIRED.withReadsOpen(true);
    private static final HttpAccess PUBLIC_NAME =
            HttpAccess.WITHOUT_TOKEN.withPublicNames(List.of("Sync.Internal.Example."));

    private static final HttpRoute PROBE = HttpRoute.probe("/health", request -> RouteResponse.empty(204));
    private static final HttpRoute ASSET = HttpRoute.asset("/", request -> RouteResponse.empty(204));
    private static final HttpRoute READ = HttpRoute.get("/status", request -> RouteResponse.empty(204));
    private static final HttpRoute CHANGE = HttpRoute.post("/hook", 100, request -> RouteResponse.empty(204));

    /** A case: under this policy, a request to this route with these headers gets this status (0: let through). */
    record Case(String what, HttpAccess access, HttpRoute route, int status, String... headers) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                        // Host: every route but a probe.
                        new Case("a probe asks nothing", TOKEN_REQUIRED, PROBE, 0),
                        new Case("an asset asks nothing: it holds no data", TOKEN_REQUIRED, ASSET, 0),
                        new Case("no Host", OPEN_LOOPBACK, READ, 421),
                        new Case("Host localhost with a port", OPEN_LOOPBACK, READ, 0, "Host", "localhost:8080"),
                        new Case("Host an IPv4 address", OPEN_LOOPBACK, READ, 0, "Host", "127.0.0.1:8080"),
                        new Case("Host an IPv6 address", OPEN_LOOPBACK, READ, 0, "Host", "[::1]:8080"),
                        new Case("Host a rebound name", OPEN_LOOPBACK, READ, 421, "Host", "evil.example:8080"),
                        new Case(
                                "Host a name made of an address", OPEN_LOOPBACK, READ, 421, "Host", "127.0.0.1.nip.io"),
                        new Case("Host a public name, any case", PUBLIC_NAME, READ, 0, "Host", "SYNC.internal.example"),
                        new Case("Host garbage", OPEN_LOOPBACK, READ, 421, "Host", "a b@c"),
                        new Case("Host a port out of range", OPEN_LOOPBACK, READ, 421, "Host", "localhost:70000"),
                        // The token.
                        new Case("a read without a token configured", OPEN_LOOPBACK, READ, 0, "Host", "localhost"),
                        new Case("a read without the token", TOKEN_REQUIRED, READ, 401, "Host", "localhost"),
                        new Case(
                                "a read with the token",
                                TOKEN_REQUIRED,
                                READ,
                                0,
                                "Host",
                                "localhost",
                                "Authorization",
                                "Bearer " + TOKEN),
                        new Case("a read with reads open", READS_OPEN, READ, 0, "Host", "localhost"),
                        new Case(
                                "a change with reads open, without the token",
                                READS_OPEN,
                                CHANGE,
                                401,
                                "Host",
                                "localhost",
                                "Content-Type",
                                JSON),
                        new Case(
                                "another token",
                                TOKEN_REQUIRED,
                                CHANGE,
                                403,
                                "Host",
                                "localhost",
                                "Content-Type",
                                JSON,
                                "Authorization",
                                "Bearer " + TOKEN.replace('0', '1')),
                        new Case(
                                "the token as a prefix",
                                TOKEN_REQUIRED,
                                CHANGE,
                                403,
                                "Host",
                                "localhost",
                                "Content-Type",
                                JSON,
                                "Authorization",
                                "Bearer " + TOKEN.substring(0, 20)),
                        new Case(
                                "Basic credentials",
                                TOKEN_REQUIRED,
                                CHANGE,
                                401,
                                "Host",
                                "localhost",
                                "Content-Type",
                                JSON,
                                "Authorization",
                                "Basic dXNlcjpwYXNz"),
                        new Case(
                                "the token, scheme in lower case",
                                TOKEN_REQUIRED,
                                CHANGE,
                                0,
                                "Host",
                                "localhost",
                                "Content-Type",
                                JSON,
                                "Authorization",
                                "bearer " + TOKEN),
                        // Browsers.
                        new Case(
                                "a page of another site",
                                OPEN_LOOPBACK,
                                CHANGE,
                                403,
                                "Host",
                                "localhost:8080",
                                "Content-Type",
                                JSON,
                                "Sec-Fetch-Site",
                                "cross-site"),
                        new Case(
                                "a page of the same site, another port",
                                OPEN_LOOPBACK,
                                CHANGE,
                                403,
                                "Host",
                                "localhost:8080",
                                "Content-Type",
                                JSON,
                                "Sec-Fetch-Site",
                                "same-site"),
                        new Case(
                                "a page of this origin",
                                OPEN_LOOPBACK,
                                CHANGE,
                                0,
                                "Host",
                                "localhost:8080",
                                "Content-Type",
                                JSON,
                                "Sec-Fetch-Site",
                                "same-origin",
                                "Origin",
                                "http://localhost:8080"),
                        new Case(
                                "an Origin on another port",
                                OPEN_LOOPBACK,
                                CHANGE,
                                403,
                                "Host",
                                "localhost:8080",
                                "Content-Type",
                                JSON,
                                "Origin",
                                "http://localhost:3000"),
                        new Case(
                                "an Origin of another host",
                                OPEN_LOOPBACK,
                                CHANGE,
                                403,
                                "Host",
                                "localhost:8080",
                                "Content-Type",
                                JSON,
                                "Origin",
                                "http://evil.example:8080"),
                        new Case(
                                "the null Origin",
                                OPEN_LOOPBACK,
                                CHANGE,
                                403,
                                "Host",
                                "localhost:8080",
                                "Content-Type",
                                JSON,
                                "Origin",
                                "null"),
                        new Case(
                                "an https Origin behind a proxy",
                                PUBLIC_NAME,
                                CHANGE,
                                0,
                                "Host",
                                "sync.internal.example",
                                "Content-Type",
                                JSON,
                                "Origin",
                                "https://sync.internal.example"),
                        // The content type.
                        new Case("a change without a content type", OPEN_LOOPBACK, CHANGE, 415, "Host", "localhost"),
                        new Case(
                                "a change as text/plain",
                                OPEN_LOOPBACK,
                                CHANGE,
                                415,
                                "Host",
                                "localhost",
                                "Content-Type",
                                "text/plain"),
                        new Case(
                                "a change as a form",
                                OPEN_LOOPBACK,
                                CHANGE,
                                415,
                                "Host",
                                "localhost",
                                "Content-Type",
                                "application/x-www-form-urlencoded"),
                        new Case(
                                "JSON in UTF-8",
                                OPEN_LOOPBACK,
                                CHANGE,
                                0,
                                "Host",
                                "localhost",
                                "Content-Type",
                                "Application/JSON; charset=\"UTF-8\""),
                        new Case(
                                "JSON in Latin-1",
                                OPEN_LOOPBACK,
                                CHANGE,
                                415,
                                "Host",
                                "localhost",
                                "Content-Type",
                                "application/json; charset=iso-8859-1"),
                        new Case(
                                "a JSON look-alike",
                                OPEN_LOOPBACK,
                                CHANGE,
                                415,
                                "Host",
                                "localhost",
                                "Content-Type",
                                "application/jsonp"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void each_request_gets_what_the_policy_says(Case example) {
        Optional<RouteResponse> refusal = new RequestGuard(example.access())
                .refusal(example.route(), request(example.route(), example.headers()));

        if (example.status() == 0) {
            assertThat(refusal).as(example.what()).isEmpty();
        } else {
            assertThat(refusal).as(example.what()).isPresent();
            assertThat(refusal.get().status()).as(example.what()).isEqualTo(example.status());
            assertThat(new String(refusal.get().body(), java.nio.charset.StandardCharsets.UTF_8))
                    .as(example.what())
                    .startsWith("{\"error\":\"")
                    .doesNotContain(TOKEN);
        }
    }

    @Test
    void a_missing_token_is_challenged_with_www_authenticate() {
        Optional<RouteResponse> refusal =
                new RequestGuard(TOKEN_REQUIRED).refusal(CHANGE, request(CHANGE, "Host", "localhost"));

        assertThat(refusal)
                .hasValueSatisfying(answer -> assertThat(answer.headers())
                        .containsEntry(RequestGuard.WWW_AUTHENTICATE, RequestGuard.BEARER_CHALLENGE));
    }

    @Test
    void the_token_is_never_in_an_answer_nor_in_the_policys_description() {
        HttpAccess access = HttpAccess.withToken(BearerToken.of(TOKEN));

        assertThat(access.toString()).doesNotContain(TOKEN);
        assertThat(access.token().orElseThrow().toString()).doesNotContain(TOKEN);
    }

    @Test
    void tokens_too_short_or_with_characters_a_header_cannot_carry_are_refused_without_repeating_them() {
        assertThatThrownBy(() -> BearerToken.of("short-secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16")
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> BearerToken.of("a secret with spaces in it"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret with");
        assertThat(BearerToken.of(TOKEN).matches(TOKEN)).isTrue();
        assertThat(BearerToken.of(TOKEN).matches(TOKEN + "x")).isFalse();
    }

    @Test
    void listening_beyond_the_loopback_needs_a_token() throws Exception {
        InetAddress anyAddress = InetAddress.getByName("0.0.0.0");

        assertThatThrownBy(() -> HttpAccess.WITHOUT_TOKEN.checkBinding(anyAddress))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0.0.0")
                .hasMessageContaining("token");
        HttpAccess.WITHOUT_TOKEN.checkBinding(InetAddress.getByName("127.0.0.1"));
        HttpAccess.WITHOUT_TOKEN.checkBinding(InetAddress.getByName("::1"));
        TOKEN_REQUIRED.checkBinding(anyAddress);
    }

    @Test
    void a_public_name_is_a_host_name_or_an_address_without_a_port() {
        assertThatThrownBy(() -> HttpAccess.WITHOUT_TOKEN.withPublicNames(List.of("sync.example:8080")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a port");
        assertThatThrownBy(() -> HttpAccess.WITHOUT_TOKEN.withPublicNames(List.of("two words")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HttpAccess.WITHOUT_TOKEN
                        .withPublicNames(List.of("Sync.Example.", "10.0.0.5", "[fd00::1]"))
                        .publicNames())
                .containsExactlyInAnyOrder("sync.example", "10.0.0.5", "[fd00::1]");
    }

    @Test
    void a_route_says_whether_it_changes_state_and_its_methods_must_agree() {
        assertThat(HttpRoute.get("/x", request -> RouteResponse.empty(204)).access())
                .isEqualTo(Access.READ_ONLY);
        assertThat(HttpRoute.post("/x", 10, request -> RouteResponse.empty(204)).access())
                .isEqualTo(Access.STATE_CHANGING);
        assertThat(new HttpRoute(java.util.Set.of("DELETE"), "/x", 0, request -> RouteResponse.empty(204)).access())
                .isEqualTo(Access.STATE_CHANGING);
        assertThatThrownBy(() ->
                        new HttpRoute(java.util.Set.of("GET", "POST"), "/x", 0, request -> RouteResponse.empty(204)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two routes");
        assertThatThrownBy(() -> new HttpRoute(
                        java.util.Set.of("GET"), "/x", 0, Access.STATE_CHANGING, request -> RouteResponse.empty(204)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpRoute(
                        java.util.Set.of("POST"), "/x", 0, Access.PROBE, request -> RouteResponse.empty(204)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RouteRequest request(HttpRoute route, String... headers) {
        Map<String, List<String>> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.computeIfAbsent(headers[i], name -> new ArrayList<>()).add(headers[i + 1]);
        }
        return new RouteRequest(route.methods().iterator().next(), route.path(), map, new byte[0]);
    }
}
