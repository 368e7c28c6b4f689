package dev.catalogsync.bootstrap.bench;

import dev.catalogsync.adapters.postgres.benchmark.PropagationProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One propagation measurement against a running {@code run}: a writer renames distinct catalog projects at a
 * steady rate, each rename committed on its own (and, for the callback path, announced to
 * {@code POST /hooks/project-updated} after the commit, as GitLab's model callback would); a reader polls the
 * catalog resources every {@link #POLL} and records, for each rename, the time from its commit to the first
 * read that shows it. The poll's period is the measurement's resolution.
 */
final class PropagationRun {

    /** How the service learns of the renames. */
    enum Path {
        CALLBACK("callback: POST /hooks/project-updated after each commit"),
        DIRECT_SQL("direct SQL: found by the idle poll of pending events");

        final String description;

        Path(String description) {
            this.description = description;
        }
    }

    /**
     * What one measurement saw.
     *
     * @param latencies commit to visible in the catalog, one per rename that arrived
     * @param lost renames not visible {@link #GIVE_UP} after the last commit
     * @param rejectedCallbacks callbacks the service did not answer with 202 or 204
     */
    record Result(Path path, int updates, List<Duration> latencies, int lost, int rejectedCallbacks) {}

    static final Duration POLL = Duration.ofMillis(10);
    static final Duration GIVE_UP = Duration.ofSeconds(60);

    private record Commit(long projectId, String name, long committedAtNanos) {}

    private final Supplier<PropagationProbe> probes;

    PropagationRun(Supplier<PropagationProbe> probes) {
        this.probes = probes;
    }

    Result measure(Path path, List<Long> projectIds, int updatesPerSecond, URI hook) {
        Queue<Commit> committed = new ConcurrentLinkedQueue<>();
        List<Duration> latencies = Collections.synchronizedList(new ArrayList<>());
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (PropagationProbe probe = probes.get()) {
            int rejected = 0;
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Integer> reader = new CompletableFuture<>();
            Thread watcher = new Thread(
                    () -> {
                        try {
                            reader.complete(watch(probe, committed, latencies, writing));
                        } catch (RuntimeException e) {
                            reader.completeExceptionally(e);
                        }
                    },
                    "catalog-sync-bench-reader");
            watcher.setDaemon(true);
            watcher.start();
            long interval = 1_000_000_000L / updatesPerSecond;
            long start = System.nanoTime();
            for (int i = 0; i < projectIds.size(); i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long project = projectIds.get(i);
                String name = "propagation " + path.name().toLowerCase() + " " + start + " " + i;
                probe.rename(project, name);
                committed.add(new Commit(project, name, System.nanoTime()));
                if (path == Path.CALLBACK && !announce(http, hook, project)) {
                    rejected++;
                }
            }
            writing.set(false);
            int lost = reader.get(GIVE_UP.toSeconds() + 30, TimeUnit.SECONDS);
            return new Result(path, projectIds.size(), List.copyOf(latencies), lost, rejected);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring propagation", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the propagation reader failed: " + e.getMessage(), e);
        }
    }

    /** The reader: polls until the writer is done and every rename arrived, or gives up; returns the lost. */
    private static int watch(
            PropagationProbe probe, Queue<Commit> committed, List<Duration> latencies, AtomicBoolean writing) {
        Map<Long, Commit> outstanding = new HashMap<>();
        long lastCommit = System.nanoTime();
        while (true) {
            for (Commit commit = committed.poll(); commit != null; commit = committed.poll()) {
                outstanding.put(commit.projectId(), commit);
                lastCommit = commit.committedAtNanos();
            }
            if (!outstanding.isEmpty()) {
                Map<Long, String> names = probe.mirroredNames(outstanding.keySet());
                long seenAt = System.nanoTime();
                outstanding.values().removeIf(commit -> {
                    if (commit.name().equals(names.get(commit.projectId()))) {
                        latencies.add(Duration.ofNanos(seenAt - commit.committedAtNanos()));
                        return true;
                    }
                    return false;
                });
            }
            boolean done = !writing.get() && committed.isEmpty();
            if (done && outstanding.isEmpty()) {
                return 0;
            }
            if (done && System.nanoTime() - lastCommit > GIVE_UP.toNanos()) {
                return outstanding.size();
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private static boolean announce(HttpClient http, URI hook, long projectId) {
        HttpRequest request = HttpRequest.newBuilder(hook)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"project_id\":" + projectId + ",\"changed\":[\"name\"]}"))
                .build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 202 || status == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code run} in a process of its own, serving HTTP on a free port of localhost. */
    static final class Service implements AutoCloseable {

        private static final Pattern LISTENING = Pattern.compile("listening on (http://[^ ]+)");
        private static final Duration START_LIMIT = Duration.ofSeconds(90);
        private static final Duration STOP_LIMIT = Duration.ofSeconds(20);

        private final Process process;
        private final URI base;

        private Service(Process process, URI base) {
            this.process = process;
            this.base = base;
        }

        static Service start(ChildJvm jvm) {
            Process process = jvm.startService("run", "--http-host", "127.0.0.1", "--http-port", "0");
            ChildJvm.readAll(process.getErrorStream());
            CompletableFuture<URI> listening = new CompletableFuture<>();
            // Reads every line to the end, so that the child never blocks on a full pipe.
            Thread stdout = new Thread(
                    () -> {
                        try (BufferedReader lines = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                                Matcher matcher = LISTENING.matcher(line);
                                if (matcher.find()) {
                                    listening.complete(URI.create(matcher.group(1)));
                                }
                            }
                        } catch (IOException e) {
                            listening.completeExceptionally(e);
                        }
                        listening.completeExceptionally(new IllegalStateException("'run' ended before it listened"));
                    },
                    "catalog-sync-bench-run-output");
            stdout.setDaemon(true);
            stdout.start();
            try {
                return new Service(process, listening.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS));
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IllegalStateException("'run' did not start listening within " + START_LIMIT, e);
            }
        }

        URI hook() {
            return base.resolve("/hooks/project-updated");
        }

        /** SIGTERM, as an operator stops it; killed if it has not ended within {@link #STOP_LIMIT}. */
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
