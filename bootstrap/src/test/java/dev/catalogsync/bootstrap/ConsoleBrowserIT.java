package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import dev.catalogsync.bootstrap.CatalogSyncJar.Service;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real browser: the distribution's headless Chromium, driven through its chromedriver by
 * Selenium, pointed at {@code catalog-sync run} started from the jar. Skipped, saying why, only where chromium or
 * chromedriver is not installed ({@code .ci/run} installs both). Screenshots go to {@code target/} for a person to
 * look at.
 */
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    private static final String FLAG = "ci_process_catalog_resource_sync_events";
    private static final String TOKEN = "console-test-token-0123456789abcdef";
    /** Once a year: the tests drive the worker through the flag and the poll, not the cron. */
    private static final String CRON_OUT_OF_THE_WAY = "0 0 1 1 *";
    /** Generous for a loaded two-core build machine; the page refreshes every 3 seconds. */
    private static final Duration PAGE_LIMIT = Duration.ofSeconds(60);

    private static final int BACKLOG = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PostgresTestDatabase database;
    private static Map<String, String> env;
    private static WebDriver browser;
    private static Path profile;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void startTheBrowser() throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium or chromedriver is not installed (" + CHROMIUM + ", " + CHROMEDRIVER + "): the console's "
                        + "browser tests are skipped; 'apt-get install chromium chromium-driver' (as .ci/run does) "
                        + "runs them");
        database = PostgresTestDatabase.createMigrated();
        env = CatalogSyncJar.environmentFor(database);
        profile = Files.createTempDirectory("console-chromium");
        // The driver and the browser are named outright: Selenium Manager, which would download them, never runs.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1280,1000");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toFile())
                .build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void emptyTablesAndABlankPage() {
        database.truncateAll();
        browser.manage().window().setSize(new Dimension(1280, 1000));
        // Each test's service listens on a port of its own: a new origin, with an empty sessionStorage.
        browser.get("about:blank");
    }

    @AfterEach
    void stopWhatTheTestStarted() throws Exception {
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
    }

    private Service service(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of("--cron", CRON_OUT_OF_THE_WAY, "--log-format", "text"));
        all.addAll(List.of(args));
        Service service = CatalogSyncJar.startService(environment, all.toArray(String[]::new));
        closeAfter.add(service);
        return service;
    }

    private static Map<String, String> withToken(Map<String, String> environment) {
        Map<String, String> with = new HashMap<>(environment);
        with.put("CATALOG_SYNC_HTTP_TOKEN", TOKEN);
        return with;
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static WebElement element(String id) {
        return browser.findElement(By.id(id));
    }

    private static JsonNode statusJson() throws IOException {
        Result status = CatalogSyncJar.run(env, "status", "--json");
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        return JSON.readTree(status.stdout());
    }

    private static String cli(String... args) {
        Result result = CatalogSyncJar.run(env, args);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().trim();
    }

    /**
     * Waits until the page shows an answer the service started to read after {@code instant} ({@code generated_at}
     * is taken before the figures are read).
     */
    private static void awaitPageReadAfter(Instant instant) {
        await("the page to refresh after " + instant)
                .atMost(PAGE_LIMIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String generated = element("connection").getAttribute("data-generated-at");
                    return generated != null
                            && !generated.isEmpty()
                            && Instant.parse(generated).isAfter(instant);
                });
    }

    private static void awaitText(String id, String expected) {
        await(id + " to read " + expected)
                .atMost(PAGE_LIMIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> text(id).equals(expected));
    }

    /**
     * Every visible text on the page whose contrast with the background behind it is under {@code minimum}, by WCAG's
     * relative luminance, each as "text: ratio".
     */
    @SuppressWarnings("unchecked")
    private static List<String> textsBelowContrast(double minimum) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
                const lum = (c) => { const v = rgb(c).slice(0, 3).map((x) => { x /= 255;
                  return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
                  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
                const background = (e) => { for (; e; e = e.parentElement) {
                  const c = getComputedStyle(e).backgroundColor; const a = rgb(c);
                  if (a.length === 3 || (a.length === 4 && a[3] > 0)) return c; } return "rgb(255, 255, 255)"; };
                const low = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  const e = n.parentElement; if (!n.textContent.trim() || !e.offsetParent) continue;
                  const l1 = lum(getComputedStyle(e).color), l2 = lum(background(e));
                  const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
                  if (ratio < arguments[0]) low.push(n.textContent.trim().slice(0, 40) + ": " + ratio.toFixed(2));
                }
                return low;
                """, minimum);
    }

    /** The whole page as it shows {@code width} CSS pixels wide, as a PNG under target/. */
    private static Path screenshot(String name, int width) throws IOException {
        ChromeDriver chrome = (ChromeDriver) browser;
        try {
            chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", viewport(width, 900));
            long height = (Long) chrome.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
            chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", viewport(width, height));
            Path target = Path.of("target", name);
            Files.createDirectories(target.getParent());
            Files.copy(chrome.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("console screenshot: " + target.toAbsolutePath());
            return target;
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private static Map<String, Object> viewport(int width, long height) {
        return Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600);
    }

    /** Whether the page fits {@code width} CSS pixels without scrolling sideways. */
    private static boolean reflowsAt(int width) {
        ChromeDriver chrome = (ChromeDriver) browser;
        try {
            chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", viewport(width, 844));
            return (Boolean) chrome.executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private static void backlogOf(int events) {
        database.execute("INSERT INTO projects (id, name, description) SELECT g, 'project ' || g, 'about ' || g "
                + "FROM generate_series(1, " + events + ") g");
        database.execute("INSERT INTO catalog_resources (project_id, name, description) "
                + "SELECT id, name, description FROM projects");
        database.execute("UPDATE projects SET name = name || ' renamed'");
    }

    @Test
    void the_numbers_on_the_page_match_status_json_before_during_and_after_a_real_drain() throws Exception {
        backlogOf(BACKLOG);
        Service service = service(env, "--batch-size", "50");
        browser.get(service.uri("/").toString());

        // Flag off: nothing moves, so the page and status --json agree exactly, but for the oldest event's age,
        // which grows: the page read it after status --json did, and before the second one.
        JsonNode before = statusJson();
        awaitPageReadAfter(Instant.now());
        String pageAge = text("oldest-pending-age");
        JsonNode beforeToo = statusJson();
        assertThat(text("pending-events"))
                .isEqualTo(before.get("pending_events").asText())
                .isEqualTo("60000");
        assertThat(text("estimated-total"))
                .isEqualTo(before.get("estimated_total_events").asText());
        assertThat(text("flag-state")).isEqualTo("disabled");
        assertThat(Double.parseDouble(pageAge))
                .as("rounded to a tenth of a second")
                .isBetween(
                        before.get("oldest_pending_age_seconds").asDouble() - 0.05,
                        beforeToo.get("oldest_pending_age_seconds").asDouble() + 0.05);

        cli("feature", "set", FLAG, "true", "--actor", "console-test");

        // During the drain the pending count only falls: the page's figure lies between two status --json taken
        // before and after it.
        for (int bracket = 0; bracket < 3; bracket++) {
            JsonNode earlier = statusJson();
            awaitPageReadAfter(Instant.now());
            long onThePage = Long.parseLong(text("pending-events"));
            JsonNode later = statusJson();
            System.out.printf(
                    "drain bracket %d: status --json %d, page %d, status --json %d%n",
                    bracket,
                    earlier.get("pending_events").asLong(),
                    onThePage,
                    later.get("pending_events").asLong());
            assertThat(onThePage)
                    .isBetween(
                            later.get("pending_events").asLong(),
                            earlier.get("pending_events").asLong());
            assertThat(text("flag-state")).isEqualTo("enabled");
        }

        await("the drain to end on the page")
                .atMost(Duration.ofMinutes(3))
                .until(() -> text("pending-events").equals("0"));
        JsonNode after = statusJson();
        awaitPageReadAfter(Instant.now());
        assertThat(after.get("pending_events").asLong()).isZero();
        assertThat(text("pending-events")).isEqualTo("0");
        assertThat(text("estimated-total"))
                .isEqualTo(after.get("estimated_total_events").asText());
        assertThat(text("oldest-pending-age")).isEqualTo("0");
        assertThat(text("flag-change")).contains("console-test", "(cli)");
        assertThat(text("rate-summary"))
                .as("this instance processed the whole backlog")
                .startsWith("60,000 events");
        assertThat(browser.findElements(By.cssSelector("#rate-chart rect.bar"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#runs tbody tr"))).hasSizeGreaterThan(1);
        assertThat(text("runs")).contains("processed");
        assertThat(text("instances")).contains("(this one)");
        await("the partitions' counts, read at most every 30 s, after the drain")
                .atMost(PAGE_LIMIT)
                .until(() -> text("partitions").contains("active 0 60,000"));
        assertThat(text("enqueues")).contains("poll", "worker", "enqueued");

        // reconcile from the page: after the drain, nothing has drifted, and the check is recorded as the last one.
        element("run-reconcile").click();
        element("confirm-ok").click();
        await("the reconcile's answer")
                .atMost(PAGE_LIMIT)
                .until(() -> text("action-result").startsWith("Done"));
        assertThat(text("action-result")).isEqualTo("Done: checked 60000, drifted 0, queued 0.");
        awaitText("last-drift-check", "checked=60000 drifted=0 queued=0");
        assertThat(text("last-drift-check-by")).contains("console user", "(console)");
        assertThat(text("operations")).contains("reconcile", "checked=60000 drifted=0 queued=0");

        assertThat(textsBelowContrast(4.5))
                .as("text with a contrast under 4.5:1")
                .isEmpty();

        screenshot("console.png", 1280);
        assertThat(reflowsAt(390))
                .as("no sideways scrolling on a phone, 390 px wide")
                .isTrue();
        screenshot("console-phone.png", 390);
    }

    @Test
    void toggling_the_flag_on_the_page_with_the_token_changes_feature_get_and_writes_an_audit_row() {
        Service service = service(withToken(env));
        browser.get(service.uri("/").toString());

        // Without the token the page asks for it, keyboard first.
        await("the page to ask for the token")
                .atMost(PAGE_LIMIT)
                .until(() -> element("access").getAttribute("open") != null);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("token");
        element("token").sendKeys(TOKEN);
        element("actor").sendKeys("alice");
        element("actor").sendKeys(Keys.ENTER);
        awaitText("flag-state", "disabled");

        // Escape cancels: nothing changes.
        element("toggle-flag").click();
        assertThat(element("confirm").getAttribute("open")).isNotNull();
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        await().atMost(PAGE_LIMIT).until(() -> element("confirm").getAttribute("open") == null);
        assertThat(cli("feature", "get", FLAG)).contains("disabled");

        element("toggle-flag").click();
        element("confirm-ok").click();
        await("the action's answer")
                .atMost(PAGE_LIMIT)
                .until(() -> text("action-result").startsWith("Done"));
        awaitText("flag-state", "enabled");
        assertThat(text("toggle-flag")).isEqualTo("Turn the flag off");

        assertThat(cli("feature", "get", FLAG)).contains("enabled");
        assertThat(database.count("SELECT count(*) FROM catalog_sync_feature_flag_changes WHERE flag_name = '" + FLAG
                        + "' AND new_value AND actor = 'alice' AND origin = 'console'"))
                .isEqualTo(1);
        assertThat(cli("feature", "history", FLAG)).contains("alice", "console");
        assertThat(text("flag-change")).contains("alice", "(console)");
    }

    @Test
    void a_post_from_another_origin_without_the_token_is_refused_and_changes_nothing() throws Exception {
        Service service = service(withToken(env));
        URI target = service.uri("/actions/flag");
        HttpServer attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = attackerPage(target).getBytes(StandardCharsets.UTF_8);
        attacker.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();
        closeAfter.add(() -> attacker.stop(0));

        // Another site: localhost, while the service is reached at 127.0.0.1.
        browser.get("http://localhost:" + attacker.getAddress().getPort() + "/");
        await("the other site's three attempts")
                .atMost(PAGE_LIMIT)
                .until(() -> browser.findElements(By.cssSelector("#log li")).size() == 3);
        String log = browser.findElement(By.id("log")).getText();
        System.out.println("the other site's attempts:\n" + log);
        assertThat(log).contains("json: blocked").contains("text: sent").contains("form: sent");

        assertThat(cli("feature", "get", FLAG)).contains("disabled");
        assertThat(database.count("SELECT count(*) FROM catalog_sync_feature_flag_changes"))
                .isZero();
        assertThat(database.count("SELECT count(*) FROM catalog_sync_feature_flags"))
                .isZero();
    }

    /**
     * A page of another site that tries to turn the flag on: a JSON fetch (needs a CORS preflight, never granted),
     * a text/plain fetch that needs none (the server refuses it, and the page cannot read why), and a form post
     * into a frame.
     */
    private static String attackerPage(URI target) {
        return """
                <!doctype html><html><body><ul id="log"></ul>
                <iframe name="sink" id="sink"></iframe>
                <form id="f" method="post" action="%1$s" enctype="text/plain" target="sink">
                  <input name='{"enabled":true,"x":"' value='"}'></form>
                <script>
                  const log = (t) => { const li = document.createElement('li'); li.textContent = t;
                                       document.getElementById('log').appendChild(li); };
                  fetch('%1$s', {method: 'POST', headers: {'Content-Type': 'application/json'},
                                 body: '{"enabled": true}'})
                    .then(r => log('json: answered ' + r.status), e => log('json: blocked ' + e.name))
                    .then(() => fetch('%1$s', {method: 'POST', mode: 'no-cors',
                                               headers: {'Content-Type': 'text/plain'}, body: '{"enabled": true}'}))
                    .then(r => log('text: sent, answer ' + r.type), e => log('text: failed ' + e.name))
                    .then(() => {
                      document.getElementById('sink').addEventListener('load', () => log('form: sent'));
                      document.getElementById('f').submit();
                    });
                </script></body></html>
                """.formatted(target);
    }

    @Test
    void the_page_says_when_the_service_cannot_reach_the_database_and_recovers() throws Exception {
        URI direct = URI.create(database.settings().jdbcUrl().substring("jdbc:".length()));
        TcpProxy proxy = new TcpProxy(new InetSocketAddress(direct.getHost(), direct.getPort()));
        closeAfter.add(proxy);
        Map<String, String> throughProxy = new HashMap<>(env);
        throughProxy.put("CATALOG_SYNC_DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + direct.getPath());
        backlogOf(3);
        Service service = service(throughProxy);
        browser.get(service.uri("/").toString());
        awaitText("pending-events", "3");
        assertThat(element("outage").isDisplayed()).isFalse();

        proxy.cut();
        await("the page to show the outage")
                .atMost(PAGE_LIMIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> element("outage").isDisplayed());
        assertThat(text("outage")).contains("cannot reach the database");
        assertThat(text("pending-events"))
                .as("no stale figure shown as current")
                .isEqualTo("–");
        assertThat(text("oldest-pending-age")).isEqualTo("–");
        assertThat(text("flag-state")).isEqualTo("unknown");
        assertThat(element("connection").getAttribute("class")).contains("down");
        screenshot("console-outage.png", 1280);

        proxy.restore();
        await("the page to recover")
                .atMost(PAGE_LIMIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !element("outage").isDisplayed()
                        && text("pending-events").equals("3"));
        assertThat(text("flag-state")).isEqualTo("disabled");
        assertThat(element("connection").getAttribute("class")).contains("live");
    }
}
