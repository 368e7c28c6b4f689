package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.testing.ShippedMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path temporary;

    /** Migrates the server's database, then runs {@code sql} there and returns its one value as text. */
    private static String migrateAndRun(EmbeddedPostgresServer server, String sql) {
        try (HikariDataSource dataSource = DataSources.pooled(server.settings(), "embedded-test", 2)) {
            new SchemaMigrator(dataSource).migrate();
            DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
            return sql.startsWith("SELECT") || sql.startsWith("SHOW")
                    ? String.valueOf(dsl.fetchValue(sql))
                    : String.valueOf(dsl.execute(sql));
        }
    }

    private static long postmasterPid(Path dataDirectory) {
        return PostmasterPidFile.read(dataDirectory).orElseThrow().pid();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void awaitEnd(long pid) {
        await("process " + pid + " to end").atMost(Duration.ofSeconds(30)).until(() -> !alive(pid));
    }

    @Test
    void data_written_before_a_stop_is_there_after_the_next_start_on_the_same_directory() {
        Path directory = temporary.resolve("not/yet/there");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(directory)) {
            assertThat(server.startedHere()).isTrue();
            assertThat(server.settings().user()).isEqualTo("postgres");
            migrateAndRun(server, "INSERT INTO projects (name) VALUES ('kept')");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(directory)) {
            try (HikariDataSource dataSource = DataSources.pooled(server.settings(), "embedded-test", 2)) {
                assertThat(new SchemaMigrator(dataSource).migrate()).isEqualTo(ShippedMigrations.none());
            }
            assertThat(migrateAndRun(server, "SELECT name FROM projects")).isEqualTo("kept");
        }
    }

    @Test
    void the_kept_data_is_written_to_disk_on_commit() {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(temporary)) {
            assertThat(migrateAndRun(server, "SHOW fsync")).isEqualTo("on");
            assertThat(migrateAndRun(server, "SHOW synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void a_second_open_uses_the_running_server_and_the_last_to_close_stops_it() {
        EmbeddedPostgresServer first = EmbeddedPostgresServer.open(temporary);
        long postmaster = postmasterPid(temporary);
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.open(temporary)) {
            assertThat(second.settings()).isEqualTo(first.settings());

            first.close();

            assertThat(alive(postmaster)).as("still used by the second").isTrue();
            assertThat(migrateAndRun(second, "SELECT 1")).isEqualTo("1");
        }
        awaitEnd(postmaster);
    }

    @Test
    void every_connection_needs_the_password_and_comes_over_the_loopback_address() {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(temporary)) {
            PostgresConnectionSettings settings = server.settings();

            assertThat(settings.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(settings.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
            assertThatThrownBy(() -> DriverManager.getConnection(settings.jdbcUrl(), "postgres", "")
                            .close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(settings.jdbcUrl(), "postgres", "wrong")
                            .close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(migrateAndRun(server, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(migrateAndRun(server, "SHOW unix_socket_directories")).isEmpty();
            assertThat(migrateAndRun(
                            server,
                            "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid " + "WHERE rolname = 'postgres'"))
                    .isEqualTo("true");
        }
    }

    @Test
    void the_password_is_kept_in_the_data_directory_readable_by_its_owner_only() throws IOException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(temporary)) {
            Path passwordFile = temporary.resolve(EmbeddedServerDirectory.PASSWORD_FILE);

            assertThat(Files.readString(passwordFile).strip())
                    .isEqualTo(server.settings().password());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(temporary.resolve("pg_hba.conf")))
                    .isEqualTo(EmbeddedServerDirectory.HOST_BASED_AUTHENTICATION);
        }
    }

    @Test
    void the_binaries_are_unpacked_where_only_the_user_can_reach_them() throws IOException {
        EmbeddedServerHome home = new EmbeddedServerHome(temporary.resolve("home"));

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(temporary.resolve("data"), home)) {
            Path executable = Path.of(ProcessHandle.of(postmasterPid(temporary.resolve("data")))
                    .orElseThrow()
                    .info()
                    .command()
                    .orElseThrow());

            assertThat(executable).startsWith(home.root().resolve("binaries"));
            for (Path directory : List.of(
                    home.root(), home.root().resolve("binaries"), home.root().resolve("binaries/zonky"))) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                        .as(directory.toString())
                        .isEqualTo("rwx------");
            }
        }
    }

    @Test
    void a_home_that_other_users_may_write_is_refused() throws IOException {
        Path root = Files.createDirectories(temporary.resolve("shared-home"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> EmbeddedPostgresServer.open(temporary.resolve("data"), new EmbeddedServerHome(root)))
                .isInstanceOf(PostgresAdapterException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("writable by other users");
    }

    @Test
    void a_directory_holding_other_files_is_refused_untouched() throws IOException {
        Files.writeString(temporary.resolve("notes.txt"), "not a database");

        assertThatThrownBy(() -> EmbeddedPostgresServer.open(temporary))
                .isInstanceOf(PostgresAdapterException.class)
                .hasMessageContaining(temporary.toRealPath().toString())
                .hasMessageContaining("notes.txt");
        try (var entries = Files.list(temporary)) {
            assertThat(entries).containsExactly(temporary.resolve("notes.txt"));
        }
    }

    @Test
    void a_server_whose_users_all_died_is_adopted_by_the_next_open_and_stopped_when_it_closes()
            throws IOException, InterruptedException {
        Path pgCtl;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(temporary)) {
            migrateAndRun(server, "INSERT INTO projects (name) VALUES ('kept')");
            pgCtl = Path.of(ProcessHandle.of(postmasterPid(temporary))
                            .orElseThrow()
                            .info()
                            .command()
                            .orElseThrow())
                    .resolveSibling("pg_ctl");
        }
        // What a process killed by SIGKILL leaves: its server running, nobody holding the users lock.
        startWithoutUsers(pgCtl, temporary);
        long leftOver = postmasterPid(temporary);

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(temporary)) {
            assertThat(server.startedHere()).isFalse();
            assertThat(postmasterPid(temporary)).isEqualTo(leftOver);
            assertThat(migrateAndRun(server, "SELECT name FROM projects")).isEqualTo("kept");
        }
        awaitEnd(leftOver);
    }

    @Test
    void a_server_stopped_under_its_users_is_started_again_by_the_next_open() {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.open(temporary)) {
            long stopped = postmasterPid(temporary);
            ProcessHandle.of(stopped).orElseThrow().destroy(); // by hand, behind catalog-sync's back
            awaitEnd(stopped);

            try (EmbeddedPostgresServer second = EmbeddedPostgresServer.open(temporary)) {
                assertThat(migrateAndRun(second, "SELECT 1")).isEqualTo("1");
                assertThat(postmasterPid(temporary)).isNotEqualTo(stopped);
            }
        }
    }

    @Test
    void a_pid_file_naming_a_live_process_that_is_not_its_server_is_removed() throws IOException {
        EmbeddedPostgresServer.open(temporary).close();
        // A pid reused after a reboot: here, this JVM's.
        Files.writeString(
                temporary.resolve("postmaster.pid"),
                ProcessHandle.current().pid() + "\n" + temporary + "\n0\n5432\n\n127.0.0.1\n0 0\nready   \n");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(temporary)) {
            assertThat(server.startedHere()).isTrue();
            assertThat(migrateAndRun(server, "SELECT 1")).isEqualTo("1");
        }
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void an_install_made_without_a_password_gets_one_and_keeps_its_data() throws IOException, SQLException {
        // As catalog-sync 0.1 left it: zonky's defaults, trust authentication for every local connection.
        try (EmbeddedPostgres legacy = EmbeddedPostgres.builder()
                        .setDataDirectory(temporary)
                        .setCleanDataDirectory(false)
                        .start();
                Connection connection = legacy.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE legacy_data (value text); INSERT INTO legacy_data VALUES ('kept')");
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(temporary)) {
            assertThat(Files.exists(temporary.resolve(EmbeddedServerDirectory.PASSWORD_FILE)))
                    .isTrue();
            assertThatThrownBy(
                            () -> DriverManager.getConnection(server.settings().jdbcUrl(), "postgres", "")
                                    .close())
                    .isInstanceOf(SQLException.class);
            assertThat(migrateAndRun(server, "SELECT value FROM legacy_data")).isEqualTo("kept");
        }
    }

    /** Starts a postmaster on {@code dataDirectory} with pg_ctl, as zonky would, with no process using it. */
    private static void startWithoutUsers(Path pgCtl, Path dataDirectory) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(
                pgCtl.toString(),
                "-D",
                dataDirectory.toString(),
                "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''",
                "-w",
                "-l",
                dataDirectory.resolve("left-over.log").toString(),
                "start"));
        Process pgCtlStart =
                new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(pgCtlStart.getInputStream().readAllBytes());
        assertThat(pgCtlStart.waitFor()).as(output).isZero();
        assertThat(alive(postmasterPid(dataDirectory))).isTrue();
    }
}
