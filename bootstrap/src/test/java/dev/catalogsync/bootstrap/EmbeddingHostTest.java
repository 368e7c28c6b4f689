package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import dev.catalogsync.application.port.in.HandleProjectUpdate;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdateOutcome;
import dev.catalogsync.application.port.in.HandleProjectUpdate.ProjectUpdated;
import dev.catalogsync.application.port.in.ReportQueueStatus;
import dev.catalogsync.application.port.out.FeatureFlagStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A host application that embeds catalog-sync: its own PostgreSQL and pool, its own feature flags bound through
 * a module, the callback called in-process. What {@code docs/embedding.md} promises, checked.
 */
class EmbeddingHostTest {

    private static final String FLAG = "ci_process_catalog_resource_sync_events";

    private static PostgresTestDatabase database;
    private static HikariDataSource hostPool;

    @BeforeAll
    static void hostDatabase() {
        database = PostgresTestDatabase.createEmpty();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.settings().jdbcUrl());
        config.setUsername(database.settings().user());
        config.setPassword(database.settings().password());
        config.setMaximumPoolSize(10);
        config.setPoolName("host-pool");
        hostPool = new HikariDataSource(config);
    }

    @AfterAll
    static void closeHostDatabase() {
        hostPool.close();
        database.close();
    }

    /** The host's own flags: what a host with a flag system of its own binds. */
    /** Its proof: {@link HostFlagsHonourTheContractTest}. */
    static final class HostFlags implements FeatureFlagStore {

        final Map<String, Boolean> states = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public Map<String, Boolean> overrides() {
            reads.incrementAndGet();
            return Map.copyOf(states);
        }

        @Override
        public Optional<Boolean> override(String name) {
            reads.incrementAndGet();
            return Optional.ofNullable(states.get(name));
        }

        @Override
        public void setOverride(String name, boolean enabled) {
            states.put(name, enabled);
        }

        @Override
        public boolean deleteOverride(String name) {
            return states.remove(name) != null;
        }
    }

    @Test
    void a_host_embeds_the_service_with_its_own_flags_and_its_callback_reaches_the_mirror() throws Exception {
        HostFlags hostFlags = new HostFlags();
        hostFlags.setOverride(FLAG, true);
        Set<String> threadsBefore = liveThreadNames();

        try (CatalogSyncService sync = CatalogSyncService.builder(hostPool)
                .overriding(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(FeatureFlagStore.class).toInstance(hostFlags);
                    }
                })
                .withoutHttp()
                .build()) {
            sync.migrate();
            sql("INSERT INTO projects (id, name) VALUES (7, 'before')");
            sql("INSERT INTO catalog_resources (project_id, name) VALUES (7, 'before')");
            sync.start();

            sql("UPDATE projects SET name = 'renamed by the host' WHERE id = 7");
            ProjectUpdateOutcome outcome =
                    sync.port(HandleProjectUpdate.class).handle(new ProjectUpdated(7, Set.of("name")));

            assertThat(outcome).isEqualTo(ProjectUpdateOutcome.ENQUEUED);
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            count("SELECT count(*) FROM catalog_resources WHERE name = 'renamed by the host'") == 1);
            assertThat(sync.port(ReportQueueStatus.class).status().syncEnabled())
                    .as("status reads the host's flag store too")
                    .isTrue();
            assertThat(hostFlags.reads.get())
                    .as("every path read the host's flags")
                    .isPositive();
            assertThat(count("SELECT count(*) FROM catalog_sync_feature_flags"))
                    .as("our own flag table was never written")
                    .isZero();
            assertThat(sync.httpAddress()).isEmpty();
        }

        await("every thread the service started has ended")
                .atMost(Duration.ofSeconds(15))
                .until(() -> threadsOfOurs(threadsBefore).isEmpty());
        assertThat(count("SELECT 1"))
                .as("the host's pool is still open and usable")
                .isEqualTo(1);
        assertThat(hostPool.isClosed()).isFalse();
    }

    @Test
    void with_the_host_flag_off_the_callback_enqueues_nothing() {
        HostFlags hostFlags = new HostFlags();
        try (CatalogSyncService sync = CatalogSyncService.builder(hostPool)
                .overriding(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(FeatureFlagStore.class).toInstance(hostFlags);
                    }
                })
                .build()) {
            sync.migrate();
            sql("INSERT INTO projects (id, name) VALUES (8, 'eight') ON CONFLICT DO NOTHING");
            sql("INSERT INTO catalog_resources (project_id, name) VALUES (8, 'eight') ON CONFLICT DO NOTHING");

            assertThat(sync.port(HandleProjectUpdate.class).handle(new ProjectUpdated(8, Set.of("name"))))
                    .isEqualTo(ProjectUpdateOutcome.FEATURE_FLAG_DISABLED);
        }
    }

    @Test
    void start_serves_http_on_a_free_port_when_asked_and_close_is_idempotent() {
        CatalogSyncService sync =
                CatalogSyncService.builder(hostPool).httpPort(0).build();
        sync.migrate();
        sync.start();

        assertThat(sync.httpAddress())
                .hasValueSatisfying(address -> assertThat(address.getPort()).isPositive());
        assertThatThrownBy(sync::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("once");

        sync.close();
        sync.close();
        assertThat(sync.httpAddress()).isEmpty();
    }

    @Test
    void a_host_serving_http_beyond_the_loopback_must_give_a_token_that_every_change_then_needs() throws Exception {
        assertThatThrownBy(() -> CatalogSyncService.builder(hostPool)
                        .httpHost("0.0.0.0")
                        .httpPort(0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0.0.0")
                .hasMessageContaining("token");
        String token = "host-token-0123456789abcdef";

        try (CatalogSyncService sync = CatalogSyncService.builder(hostPool)
                .httpHost("0.0.0.0")
                .httpPort(0)
                .httpToken(token)
                .build()) {
            sync.migrate();
            sync.start();
            java.net.URI hook = java.net.URI.create(
                    "http://127.0.0.1:" + sync.httpAddress().orElseThrow().getPort() + "/hooks/project-updated");
            java.net.http.HttpRequest.Builder post = java.net.http.HttpRequest.newBuilder(hook)
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"project_id\": 1, \"changed\": []}"));
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

            assertThat(http.send(post.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(401);
            assertThat(http.send(
                                    post.header("Authorization", "Bearer " + token)
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(204);
        }
    }

    @Test
    void asking_for_a_type_the_service_does_not_bind_is_refused_with_its_name() {
        try (CatalogSyncService sync = CatalogSyncService.builder(hostPool).build()) {
            assertThatThrownBy(() -> sync.port(Runnable.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("java.lang.Runnable");
        }
    }

    /** Threads started since {@code before} that belong to catalog-sync or its scheduler. */
    private static Set<String> threadsOfOurs(Set<String> before) {
        Set<String> now = liveThreadNames();
        now.removeAll(before);
        now.removeIf(name -> !name.startsWith("catalog-sync") && !name.startsWith("db-scheduler"));
        return now;
    }

    private static Set<String> liveThreadNames() {
        Set<String> names = ConcurrentHashMap.newKeySet();
        Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .forEach(names::add);
        return names;
    }

    private static void sql(String statement) {
        try (Connection connection = hostPool.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    private static long count(String query) {
        try (Connection connection = hostPool.getConnection();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }
}
