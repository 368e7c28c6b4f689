package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.catalogsync.bootstrap.CatalogSyncJar.Result;
import dev.catalogsync.bootstrap.CatalogSyncJar.Running;
import dev.catalogsync.bootstrap.CatalogSyncJar.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no database URL the jar runs its own PostgreSQL, whose data outlives each command: one server per data
 * directory, shared by every command while {@code run} serves it, recovered after {@code run} is killed, and
 * closed to connections without its password.
 */
class EmbeddedDatabaseIT {

    private static final String FLAG = "ci_process_catalog_resource_sync_events";
    /** Generous: a loaded two-core build machine starts and stops JVMs and PostgreSQL slowly. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dataDirectory;

    private Service service;

    @AfterEach
    void stopTheService() {
        if (service != null) {
            service.close();
        }
    }

    private Map<String, String> environment() {
        return Map.of("CATALOG_SYNC_DATA_DIR", dataDirectory.toString());
    }

    private Result catalogSync(String... args) {
        return CatalogSyncJar.run(environment(), args);
    }

    private Result succeeds(String... args) {
        Result result = catalogSync(args);
        assertThat(result.exitCode())
                .as(String.join(" ", args) + ": " + result.stderr())
                .isZero();
        return result;
    }

    /** The first line of postmaster.pid: the pid of the server running on the data directory. */
    private long postmasterPid() {
        return Long.parseLong(pidFileLine(0));
    }

    private int postmasterPort() {
        return Integer.parseInt(pidFileLine(3));
    }

    private String pidFileLine(int index) {
        try {
            return Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8)
                    .get(index)
                    .strip();
        } catch (IOException e) {
            throw new AssertionError("no postmaster.pid in " + dataDirectory, e);
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void awaitEnd(long pid) {
        await("process " + pid + " to end").atMost(PATIENCE).until(() -> !alive(pid));
    }

    @Test
    void migrates_once_and_keeps_its_data_between_commands() {
        Result migrate = succeeds("migrate");
        assertThat(migrate.stdout()).contains("\"applied_migrations\":").doesNotContain("\"applied_migrations\":0");

        assertThat(catalogSync("migrate").stdout()).contains("\"applied_migrations\":0");
        succeeds("feature", "set", FLAG, "true");

        Result status = succeeds("status", "--json");
        assertThat(status.stdout()).contains("\"pending_events\":0", "\"" + FLAG + "\":true");
    }

    @Test
    void works_without_a_migrate_step_on_a_fresh_directory() {
        Result process =
                succeeds("process", "--data-dir", dataDirectory.resolve("fresh").toString());

        assertThat(process.stdout()).contains("is disabled");
    }

    @Test
    void demo_seed_queues_events_that_drain_syncs_on_a_fresh_machine() {
        Result seed = succeeds("demo", "seed", "--projects", "500");
        assertThat(seed.stdout().strip()).isEqualTo("{\"projects\":500,\"queued_events\":500}");

        succeeds("feature", "set", FLAG, "true");
        Result drain = succeeds("drain");

        assertThat(drain.stdout().strip())
                .isEqualTo("{\"runs\":1,\"processed_events\":500,\"stopped_by\":\"empty_queue\"}");
        assertThat(catalogSync("reconcile").stdout().strip()).isEqualTo("{\"checked\":500,\"drifted\":0}");
    }

    @Test
    void every_command_works_beside_run_on_the_server_run_started_and_leaves_it_running() {
        service = CatalogSyncJar.startService(environment(), "--poll-interval-ms", "100");
        long server = postmasterPid();
        succeeds("demo", "seed", "--projects", "300");

        // Several at once, each its own JVM, all on run's server.
        List<Running> concurrently = List.of(
                CatalogSyncJar.start(environment(), "status", "--json"),
                CatalogSyncJar.start(environment(), "feature", "get", FLAG),
                CatalogSyncJar.start(environment(), "partitions", "list"),
                CatalogSyncJar.start(environment(), "reconcile"));
        for (Running command : concurrently) {
            Result result = command.finish();
            assertThat(result.exitCode()).as(result.stderr()).isZero();
        }
        assertThat(succeeds("status", "--json").stdout()).contains("\"pending_events\":300");

        succeeds("feature", "set", FLAG, "true");
        assertThat(succeeds("drain").stdout()).contains("\"stopped_by\":\"empty_queue\"");
        await("the mirror to be in sync")
                .atMost(PATIENCE)
                .until(() -> catalogSync("reconcile").stdout().strip().equals("{\"checked\":300,\"drifted\":0}"));

        assertThat(postmasterPid()).isEqualTo(server);
        assertThat(alive(server)).isTrue();
        assertThat(service.process().isAlive()).isTrue();

        Result stopped = service.stop(PATIENCE);
        assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
        awaitEnd(server);
    }

    @Test
    void a_second_run_keeps_the_server_when_the_run_that_started_it_stops() {
        service = CatalogSyncJar.startService(environment());
        long server = postmasterPid();
        try (Service second = CatalogSyncJar.startService(environment(), "--poll-interval-ms", "100")) {
            Result first = service.stop(PATIENCE);
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(alive(server)).as("still used by the second run").isTrue();

            succeeds("demo", "seed", "--projects", "100");
            succeeds("feature", "set", FLAG, "true");
            await("the second run to sync")
                    .atMost(PATIENCE)
                    .until(() -> catalogSync("reconcile").stdout().strip().equals("{\"checked\":100,\"drifted\":0}"));
            assertThat(postmasterPid()).isEqualTo(server);

            assertThat(second.stop(PATIENCE).exitCode()).isZero();
        }
        awaitEnd(server);
    }

    @Test
    void after_run_is_killed_the_next_command_recovers_the_server_it_left_running() throws InterruptedException {
        service = CatalogSyncJar.startService(environment());
        long server = postmasterPid();

        service.process().destroyForcibly(); // SIGKILL: no shutdown hook, no signal handler runs
        assertThat(service.process().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .isTrue();
        assertThat(alive(server))
                .as("the server outlives the process that started it")
                .isTrue();

        Result rollback = succeeds("feature", "set", FLAG, "false");

        assertThat(rollback.stdout()).startsWith(FLAG + "\tdisabled\tset");
        assertThat(rollback.stderr()).contains("left running by processes that ended");
        awaitEnd(server);
        assertThat(Files.exists(dataDirectory.resolve("postmaster.pid")))
                .as("the recovering command adopted the server and stopped it as its last user")
                .isFalse();
        assertThat(succeeds("feature", "get", FLAG).stdout()).startsWith(FLAG + "\tdisabled\tset");
    }

    @Test
    void the_server_takes_no_connection_without_its_password_kept_readable_by_its_owner_only()
            throws IOException, SQLException {
        service = CatalogSyncJar.startService(environment());
        String url = "jdbc:postgresql://127.0.0.1:" + postmasterPort() + "/postgres";
        Path passwordFile = dataDirectory.resolve("catalog-sync-password");

        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, "postgres", "").close())
                .isInstanceOf(SQLException.class);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
        try (Connection connection = DriverManager.getConnection(
                        url, "postgres", Files.readString(passwordFile).strip());
                Statement statement = connection.createStatement();
                ResultSet listen = statement.executeQuery("SHOW listen_addresses")) {
            listen.next();
            assertThat(listen.getString(1)).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void the_binaries_run_from_a_directory_only_their_user_can_write() throws IOException {
        service = CatalogSyncJar.startService(environment());
        Path executable = Path.of(
                ProcessHandle.of(postmasterPid()).orElseThrow().info().command().orElseThrow());
        Path binaries = Path.of(System.getProperty("user.home"), ".catalog-sync", "binaries");

        assertThat(executable).startsWith(binaries);
        for (Path directory = executable.getParent();
                directory.startsWith(binaries);
                directory = directory.getParent()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                    .as(directory.toString())
                    .doesNotMatch("^.{4}w.*|^.{7}w.*");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries)))
                .isEqualTo("rwx------");
    }
}
