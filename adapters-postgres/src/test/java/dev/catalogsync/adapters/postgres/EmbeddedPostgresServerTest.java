package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalogsync.adapters.postgres.testing.ShippedMigrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void data_written_before_a_stop_is_there_after_the_next_start_on_the_same_directory() {
        Path directory = temporary.resolve("not/yet/there");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory)) {
            assertThat(server.settings().user()).isEqualTo("postgres");
            assertThat(server.settings().password()).isEmpty();
            migrateAndRun(server, "INSERT INTO projects (name) VALUES ('kept')");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory)) {
            try (HikariDataSource dataSource = DataSources.pooled(server.settings(), "embedded-test", 2)) {
                assertThat(new SchemaMigrator(dataSource).migrate()).isEqualTo(ShippedMigrations.none());
            }
            assertThat(migrateAndRun(server, "SELECT name FROM projects")).isEqualTo("kept");
        }
    }

    @Test
    void the_kept_data_is_written_to_disk_on_commit() {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(temporary)) {
            assertThat(migrateAndRun(server, "SHOW fsync")).isEqualTo("on");
            assertThat(migrateAndRun(server, "SHOW synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void a_second_start_on_a_directory_in_use_fails_naming_the_directory_and_leaves_the_first_running() {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(temporary)) {

            assertThatThrownBy(() -> EmbeddedPostgresServer.start(temporary))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(temporary.toAbsolutePath().toString())
                    .hasMessageContaining("in use by a running server");

            assertThat(migrateAndRun(server, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void a_directory_holding_other_files_is_refused_untouched() throws IOException {
        Files.writeString(temporary.resolve("notes.txt"), "not a database");

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(temporary))
                .isInstanceOf(PostgresAdapterException.class)
                .hasMessageContaining(temporary.toAbsolutePath().toString())
                .hasMessageContaining("notes.txt");
        try (var entries = Files.list(temporary)) {
            assertThat(entries).containsExactly(temporary.resolve("notes.txt"));
        }
    }

    @Test
    void a_pid_file_naming_a_live_process_is_refused_and_one_naming_a_dead_process_is_not()
            throws IOException, InterruptedException {
        EmbeddedPostgresServer.start(temporary).close();
        Path pidFile = temporary.resolve("postmaster.pid");
        long alive = ProcessHandle.current().pid();
        Files.writeString(pidFile, alive + "\n" + temporary + "\n");

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(temporary))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(temporary.toAbsolutePath().toString())
                .hasMessageContaining(String.valueOf(alive));

        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Files.writeString(pidFile, finished.pid() + "\n" + temporary + "\n");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(temporary)) {
            assertThat(migrateAndRun(server, "SELECT 1")).isEqualTo("1");
        }
    }
}
