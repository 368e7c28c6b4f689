package dev.catalogsync.bootstrap;

import static dev.catalogsync.bootstrap.FaultWorld.figure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import dev.catalogsync.bootstrap.CatalogSyncJar.Service;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database goes away for 30 seconds while {@code run} works under a steady stream of updates, then returns: the
 * service stays up and answers, work resumes within 10 seconds of the return, and nothing is lost.
 *
 * <p>The outage is a cut of a TCP proxy between the service and PostgreSQL (every connection dropped, new ones
 * refused), the honest stand-in for a stopped server here: the test server is shared by every test of this JVM and
 * cannot be stopped for 30 seconds without breaking them. The application's updates go straight to the database and
 * go on queuing events during the outage.
 */
class DatabaseOutageFaultIT {

    private static final int PROJECTS = 5_000;
    private static final int RENAMES_PER_SECOND = 100;
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** The promise: work resumes within 10 seconds of the database's return. */
    private static final Duration RESUMES_WITHIN = Duration.ofSeconds(10);

    private static PostgresTestDatabase database;
    private static FaultWorld world;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.createMigrated();
        world = new FaultWorld(database);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    private boolean answers(Service service, String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(service.uri(path))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** What {@code path} answers, or -1 when nothing answers. */
    private int statusOf(Service service, String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(service.uri(path))
                                    .timeout(Duration.ofSeconds(5))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * What the service must show while its database is away: the process runs, it is alive ({@code /health} 200)
     * and says it is not ready ({@code /ready} 503).
     */
    private boolean upAndAnsweringWithoutItsDatabase(Service service) {
        return service.process().isAlive() && answers(service, "/health") && statusOf(service, "/ready") == 503;
    }

    @Test
    void a_thirty_second_outage_under_load_is_ridden_out_and_nothing_is_lost() {
        world.catalogProjects(PROJECTS);
        world.flag(true);
        URI direct = URI.create(database.settings().jdbcUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(new InetSocketAddress(direct.getHost(), direct.getPort()));
                SteadyRenames renames = new SteadyRenames(database, PROJECTS, RENAMES_PER_SECOND)) {
            Map<String, String> throughProxy = new HashMap<>(world.environment());
            throughProxy.put("CATALOG_SYNC_DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + direct.getPath());
            try (Service service =
                    CatalogSyncJar.startService(throughProxy, "--cron", FaultWorld.CRON_OUT_OF_THE_WAY)) {
                renames.start();
                await("the service to sync under load")
                        .atMost(Duration.ofMinutes(1))
                        .until(() -> world.processed() > 500);

                proxy.cut();
                long cut = System.nanoTime();
                await("/ready to say 503 once the readiness sample sees the database gone")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> statusOf(service, "/ready") == 503);
                Duration rest = OUTAGE.minus(Duration.ofNanos(System.nanoTime() - cut));
                await("the service up, alive and not ready for the rest of the outage")
                        .during(rest.isNegative() ? Duration.ZERO : rest)
                        .atMost(OUTAGE.plusSeconds(30))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> upAndAnsweringWithoutItsDatabase(service));
                long pendingAtTheReturn = world.pending();

                proxy.restore();
                long restored = System.nanoTime();
                long processedAtTheReturn = world.processed();
                await("work to resume after the database returns")
                        .atMost(RESUMES_WITHIN)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> world.processed() > processedAtTheReturn);
                long resumedAfter = (System.nanoTime() - restored) / 1_000_000;
                await("/ready to say 200 again")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> statusOf(service, "/ready") == 200);

                long renamedByNow = renames.renamed();
                await("a little more load after the return")
                        .atMost(Duration.ofMinutes(1))
                        .until(() -> renames.renamed() > renamedByNow + 1_000);
                renames.close();
                await("the backlog of the outage drained")
                        .atMost(Duration.ofMinutes(2))
                        .until(() -> world.pending() == 0);

                assertThat(renames.failures())
                        .as("the application's updates that failed")
                        .isZero();
                assertThat(world.events()).as("an event per rename").isEqualTo(renames.renamed());
                assertThat(world.processed()).isEqualTo(renames.renamed());
                assertThat(world.drifted()).isZero();
                assertThat(service.process().isAlive()).isTrue();
                Result stopped = service.stop(Duration.ofSeconds(15));
                assertThat(stopped.exitCode()).as(stopped.stderr()).isIn(0, 143);

                figure("database outage (TCP proxy cut) ridden out, s", OUTAGE.toSeconds());
                figure("events pending when the database returned", pendingAtTheReturn);
                figure("work resumed after the return, ms", resumedAfter);
                figure("events checked after the outage (one per rename, all processed, no drift)", renames.renamed());
            }
        }
    }
}
