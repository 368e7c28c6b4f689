package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/catalog-sync}, the launcher with a class-data archive: it behaves as {@code java -jar} does, output
 * and exit codes alike, and keeps an archive only from a database command that succeeded. Whether it is faster
 * is the bench's and the README's business, not a test's.
 */
class LauncherIT {

    private static final Path LAUNCHER =
            Path.of("..", "bin", "catalog-sync").toAbsolutePath().normalize();

    private static PostgresTestDatabase database;

    @TempDir
    Path archives;

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.createMigrated();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    private record Outcome(int exitCode, String stdout, String stderr) {

        /** The same outcome with status' own timestamp blanked: two runs of one command differ only in that. */
        Outcome withoutGeneratedAt() {
            return new Outcome(
                    exitCode, stdout.replaceFirst("\"generated_at\":\"[^\"]*\"", "\"generated_at\":\"\""), stderr);
        }
    }

    private Outcome launch(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("CATALOG_SYNC_"));
        builder.environment().putAll(environment);
        builder.environment()
                .put(
                        "CATALOG_SYNC_JAR",
                        Path.of(System.getProperty("catalogSync.jar", "target/catalog-sync.jar"))
                                .toAbsolutePath()
                                .toString());
        builder.environment().put("CATALOG_SYNC_CDS_DIR", archives.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Path out = Files.createTempFile(archives, "launcher-out", ".txt");
            Path err = Files.createTempFile(archives, "launcher-err", ".txt");
            Process process = builder.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the launcher did not exit within 90 s");
            }
            return new Outcome(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private long archiveCount() {
        try (Stream<Path> files = Files.list(archives)) {
            return files.filter(file -> file.toString().endsWith(".jsa")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_first_database_command_makes_the_archive_and_the_next_one_uses_it_with_the_same_output() {
        Map<String, String> environment = new HashMap<>(CatalogSyncJar.environmentFor(database));
        CatalogSyncJar.Result plain = CatalogSyncJar.run(environment, "status", "--json");

        Outcome first = launch(environment, "status", "--json").withoutGeneratedAt();
        long archivesAfterFirst = archiveCount();
        Outcome second = launch(environment, "status", "--json").withoutGeneratedAt();

        assertThat(plain.exitCode()).isZero();
        assertThat(first).isEqualTo(new Outcome(0, plain.stdout(), plain.stderr()).withoutGeneratedAt());
        assertThat(second).isEqualTo(first);
        assertThat(archivesAfterFirst).isEqualTo(1);
        assertThat(archiveCount()).isEqualTo(1);
    }

    @Test
    void a_failing_command_or_one_that_needs_no_database_makes_no_archive_and_keeps_its_exit_code() {
        Map<String, String> unreachable = Map.of("CATALOG_SYNC_DB_URL", "jdbc:postgresql://127.0.0.1:1/nowhere");

        Outcome failed = launch(unreachable, "status");
        Outcome version = launch(Map.of(), "--version");
        Outcome badInput = launch(Map.of(), "no-such-command");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stderr()).startsWith("catalog-sync: cannot connect to");
        assertThat(version).isEqualTo(new Outcome(0, "catalog-sync 0.1.0\n", ""));
        assertThat(badInput.exitCode()).isEqualTo(2);
        assertThat(archiveCount()).isZero();
    }
}
