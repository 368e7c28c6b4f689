package dev.catalogsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.adapters.postgres.testing.PostgresTestDatabase;
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

    private CatalogSyncJar() {}

    /** What one command printed and how it exited. */
    record Result(int exitCode, String stdout, String stderr, Duration took) {

        List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    /** A command still running; {@link #finish()} waits for it. */
    record Running(Process process, Path stdout, Path stderr, long startedNanos) {

        Result finish() {
            return finish(LIMIT);
        }

        /** As {@link #finish()}, for a command that takes longer than most (the bench). */
        Result finish(Duration limit) {
            try {
                if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("catalog-sync did not exit within " + limit);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
                return new Result(
                        process.exitValue(),
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

    /** The environment that points the jar at a test database, as a user would set it. */
    static Map<String, String> environmentFor(PostgresTestDatabase database) {
        return Map.of(
                "CATALOG_SYNC_DB_URL", database.settings().jdbcUrl(),
                "CATALOG_SYNC_DB_USER", database.settings().user(),
                "CATALOG_SYNC_DB_PASSWORD", database.settings().password());
    }

    static Result run(Map<String, String> environment, String... args) {
        return start(environment, args).finish();
    }

    static Running start(Map<String, String> environment, String... args) {
        Path jar = Path.of(System.getProperty("catalogSync.jar", "target/catalog-sync.jar"));
        assertThat(jar).as("the shaded jar, built by 'mvn package'").exists();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
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

    /**
     * Starts {@code catalog-sync run --http-port 0 ...} and waits, bounded, for it to print where it listens.
     * The caller stops it ({@link Service#stop()}) or lets {@link Service#close()} kill it.
     */
    static Service startService(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("run", "--http-port", "0"));
        command.addAll(List.of(args));
        Running running = start(environment, command.toArray(String[]::new));
        Service service = new Service(running);
        try {
            org.awaitility.Awaitility.await("catalog-sync run to listen")
                    .atMost(LIMIT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> service.listening().isPresent()
                            || !running.process().isAlive());
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        if (service.listening().isEmpty()) {
            throw new AssertionError("catalog-sync run exited before listening: " + service.stderr());
        }
        return service;
    }

    /** A running {@code catalog-sync run}. */
    static final class Service implements AutoCloseable {

        private static final java.util.regex.Pattern LISTENING =
                java.util.regex.Pattern.compile("listening on (http://[^ ]+)");

        private final Running running;

        private Service(Running running) {
            this.running = running;
        }

        java.util.Optional<java.net.URI> listening() {
            java.util.regex.Matcher matcher = LISTENING.matcher(stdout());
            return matcher.find()
                    ? java.util.Optional.of(java.net.URI.create(matcher.group(1)))
                    : java.util.Optional.empty();
        }

        java.net.URI uri(String path) {
            return listening().orElseThrow().resolve(path);
        }

        String stdout() {
            return read(running.stdout());
        }

        String stderr() {
            return read(running.stderr());
        }

        Process process() {
            return running.process();
        }

        /** Sends SIGTERM and waits up to {@code limit} for the exit; the result says how it went. */
        Result stop(Duration limit) {
            long sent = System.nanoTime();
            running.process().destroy();
            try {
                if (!running.process().waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    running.process().destroyForcibly();
                    throw new AssertionError("catalog-sync run did not exit within " + limit + " of SIGTERM");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for catalog-sync run", e);
            }
            return new Result(
                    running.process().exitValue(), stdout(), stderr(), Duration.ofNanos(System.nanoTime() - sent));
        }

        /** Kills it if it still runs; for clean-up after a failed test. */
        @Override
        public void close() {
            if (running.process().isAlive()) {
                running.process().destroyForcibly();
                try {
                    running.process().waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
