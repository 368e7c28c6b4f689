package dev.catalogsync.bootstrap.bench;

import dev.catalogsync.adapters.postgres.PostgresConnectionSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone jar run as a process of its own, as an operator runs it ({@code java -jar catalog-sync.jar
 * COMMAND}), pointed at the bench database through the environment (a password never shows in {@code ps}). It
 * watches what the process costs: its peak resident memory, read from {@code /proc} while it runs (Linux), and
 * its heap, from a GC log.
 */
public final class ChildJvm {

    /** What a finished process cost. */
    record Finished(Duration wallTime, String stdout, OptionalLong peakRssBytes, HeapUse heap) {}

    /**
     * The heap as the GC log saw it: the most used before a collection, the most still live after one; empty when
     * no collection ran.
     */
    record HeapUse(OptionalLong peakUsedBytes, OptionalLong peakLiveBytes) {}

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");
    private static final Duration RSS_POLL = Duration.ofMillis(20);

    private final Path jar;
    private final PostgresConnectionSettings database;

    ChildJvm(Path jar, PostgresConnectionSettings database) {
        this.jar = jar;
        this.database = database;
    }

    /**
     * The jar this process runs from, pointed at {@code database}; empty when this process runs from a build's
     * classes rather than the standalone jar.
     */
    public static Optional<ChildJvm> ofOwnJar(PostgresConnectionSettings database) {
        return ownJar().map(jar -> new ChildJvm(jar, database));
    }

    private static Optional<Path> ownJar() {
        try {
            Path location = Path.of(ChildJvm.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return location.toString().endsWith(".jar") && Files.isRegularFile(location)
                    ? Optional.of(location)
                    : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Runs {@code java -jar JAR args} to its end, at most {@code limit}; fails on a non-zero exit. */
    Finished runToEnd(Duration limit, String... args) {
        Path gcLog = temporaryFile("catalog-sync-bench-gc", ".log");
        try {
            long started = System.nanoTime();
            Process process = start(gcLog, args);
            AtomicLong peakRss = new AtomicLong(-1);
            Thread rssWatch = watchRss(process, peakRss);
            CompletableFuture<String> stdout = readAll(process);
            CompletableFuture<String> stderr = readAll(process.getErrorStream());
            boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            if (!ended) {
                process.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", args) + "' did not end within " + limit);
            }
            rssWatch.join();
            if (process.exitValue() != 0) {
                throw new IllegalStateException("'" + String.join(" ", args) + "' exited with " + process.exitValue()
                        + ": " + lastLine(stderr.get(10, TimeUnit.SECONDS)));
            }
            long rss = peakRss.get();
            return new Finished(
                    wall,
                    stdout.get(10, TimeUnit.SECONDS),
                    rss < 0 ? OptionalLong.empty() : OptionalLong.of(rss),
                    heapUse(gcLog));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while 'java -jar' ran", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the output of 'java -jar'", e);
        } finally {
            deleteQuietly(gcLog);
        }
    }

    /** Starts {@code java -jar JAR args} and leaves it running; the caller stops it. */
    Process startService(String... args) {
        return start(null, args);
    }

    private Process start(Path gcLog, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (gcLog != null) {
            command.add("-Xlog:gc:file=" + gcLog);
        }
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("CATALOG_SYNC_"));
        environment.put("CATALOG_SYNC_DB_URL", database.jdbcUrl());
        environment.put("CATALOG_SYNC_DB_USER", database.user());
        environment.put("CATALOG_SYNC_DB_PASSWORD", database.password());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0), e);
        }
    }

    private static CompletableFuture<String> readAll(Process process) {
        return readAll(process.getInputStream());
    }

    /**
     * Reads a stream to its end on a thread of its own (a child blocks once a pipe nobody reads is full; the
     * common pool is no place for a read that may last as long as the child).
     */
    static CompletableFuture<String> readAll(InputStream stream) {
        CompletableFuture<String> all = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    StringBuilder text = new StringBuilder();
                    try (BufferedReader lines =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            text.append(line).append('\n');
                        }
                    } catch (IOException e) {
                        text.append("(output unreadable: ")
                                .append(e.getMessage())
                                .append(")\n");
                    }
                    all.complete(text.toString());
                },
                "catalog-sync-bench-output");
        reader.setDaemon(true);
        reader.start();
        return all;
    }

    /** Polls VmHWM, the peak resident set, of the process while it lives; keeps the last value read. */
    private static Thread watchRss(Process process, AtomicLong peakRss) {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        Thread watch = new Thread(
                () -> {
                    while (process.isAlive()) {
                        readPeakRss(status).ifPresent(peakRss::set);
                        try {
                            process.waitFor(RSS_POLL.toMillis(), TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "catalog-sync-bench-rss");
        watch.setDaemon(true);
        watch.start();
        return watch;
    }

    private static OptionalLong readPeakRss(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    String kilobytes =
                            line.substring("VmHWM:".length()).replace("kB", "").trim();
                    return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or the process just ended: keep what was read before.
        }
        return OptionalLong.empty();
    }

    static HeapUse heapUse(Path gcLog) {
        long peakUsed = -1;
        long peakLive = -1;
        try {
            for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
                Matcher sizes = GC_LINE.matcher(line);
                if (line.contains("Pause") && sizes.find()) {
                    peakUsed = Math.max(peakUsed, bytes(sizes.group(1), sizes.group(2)));
                    peakLive = Math.max(peakLive, bytes(sizes.group(3), sizes.group(4)));
                }
            }
        } catch (IOException e) {
            return new HeapUse(OptionalLong.empty(), OptionalLong.empty());
        }
        return new HeapUse(
                peakUsed < 0 ? OptionalLong.empty() : OptionalLong.of(peakUsed),
                peakLive < 0 ? OptionalLong.empty() : OptionalLong.of(peakLive));
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value * 1024;
            case "M" -> value * 1024 * 1024;
            default -> value * 1024 * 1024 * 1024;
        };
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static Path temporaryFile(String prefix, String suffix) {
        try {
            return Files.createTempFile(prefix, suffix);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary file", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A GC log left in the temporary directory harms nobody.
        }
    }
}
