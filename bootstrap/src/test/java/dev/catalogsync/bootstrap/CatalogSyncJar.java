package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built standalone jar as a user would, each command in its own JVM. */
final class CatalogSyncJar {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    private CatalogSyncJar() {
    }

    /** What one command printed and how it exited. */
    record Result(int exitCode, String stdout, String stderr, Duration took) {

        List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    /** A command still running; {@link #finish()} waits for it. */
    record Running(Process process, Path stdout, Path stderr, long startedNanos) {

        Result finish() {
            try {
                if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("catalog-sync did not exit within " + LIMIT);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
                return new Result(process.exitValue(),
                        Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8),
                        took);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for catalog-sync", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Result run(Map<String, String> environment, String... args) {
        return start(environment, args).finish();
    }

    static Running start(Map<String, String> environment, String... args) {
        Path jar = Path.of(System.getProperty("catalogSync.jar", "target/catalog-sync.jar"));
        assertThat(jar).as("the shaded jar, built by 'mvn package'").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("CATALOG_SYNC_"));
        builder.environment().putAll(environment);
        try {
            Path stdout = Files.createTempFile("catalog-sync-out", ".txt");
            Path stderr = Files.createTempFile("catalog-sync-err", ".txt");
            stdout.toFile().deleteOnExit();
            stderr.toFile().deleteOnExit();
            builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            return new Running(builder.start(), stdout, stderr, System.nanoTime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
