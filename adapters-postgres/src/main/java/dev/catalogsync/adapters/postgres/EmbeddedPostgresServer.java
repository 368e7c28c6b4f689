package dev.catalogsync.adapters.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A PostgreSQL server run by this process on a data directory that outlives it, for running without a
 * database of one's own. Backed by zonky's embedded PostgreSQL binaries.
 *
 * <p>The first start runs {@code initdb} on the (empty or missing) directory; later starts find the cluster
 * there ({@code postgresql.conf} present) and reuse it without {@code initdb}, so data survives restarts. Each
 * start listens on a free port on localhost, with trust authentication for the {@code postgres} role: anyone
 * who can connect to localhost can use it.
 *
 * <p>A directory in use by a running server (its {@code postmaster.pid} names a live process, whether this
 * process started it or another did, or one that died and left its postmaster behind) is refused before
 * anything touches it. zonky's own lock file in the directory closes the remaining window between two starts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** How long a start may take, including crash recovery of a cluster whose last server was killed. */
    static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    private static final String SUPERUSER = "postgres";
    private static final String DATABASE = "postgres";

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
    }

    /**
     * Starts a server on {@code dataDirectory}, creating the directory and the cluster in it when needed.
     *
     * @throws IllegalStateException when a running server already uses the directory
     * @throws PostgresAdapterException when the directory holds something else than a cluster, or the server
     *     does not start
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        Path directory = Objects.requireNonNull(dataDirectory, "dataDirectory")
                .toAbsolutePath()
                .normalize();
        createDirectories(directory);
        refuseIfInUse(directory);
        refuseIfNeitherEmptyNorACluster(directory);
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    // zonky tunes for throwaway test databases (-F, synchronous_commit off); this data is kept.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            return new EmbeddedPostgresServer(directory, postgres);
        } catch (OverlappingFileLockException e) {
            throw inUse(directory, "this process already runs a server on it", e);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw inUse(directory, "another process holds its lock file", e);
            }
            throw startFailed(directory, e);
        } catch (IOException | RuntimeException e) {
            throw startFailed(directory, e);
        }
    }

    /** Connects as the superuser to the {@code postgres} database, over localhost, with no password. */
    public PostgresConnectionSettings settings() {
        return new PostgresConnectionSettings(postgres.getJdbcUrl(SUPERUSER, DATABASE), SUPERUSER, "");
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (fast shutdown: open sessions are ended) and leaves the data in place. Idempotent. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not stop the embedded PostgreSQL on " + dataDirectory, e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not create the PostgreSQL data directory " + directory, e);
        }
    }

    private static void refuseIfInUse(Path directory) {
        OptionalLong pid = postmasterPid(directory);
        if (pid.isPresent()
                && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
            throw inUse(
                    directory,
                    "postmaster.pid names the running process " + pid.getAsLong()
                            + "; stop that server first, or delete postmaster.pid if no PostgreSQL runs there",
                    null);
        }
    }

    /** The first line of {@code postmaster.pid}; empty when there is no such file or it is being written. */
    private static OptionalLong postmasterPid(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return OptionalLong.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void refuseIfNeitherEmptyNorACluster(Path directory) {
        if (Files.exists(directory.resolve("PG_VERSION"))) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            List<String> found = entries.limit(3)
                    .map(entry -> entry.getFileName().toString())
                    .toList();
            if (!found.isEmpty()) {
                throw new PostgresAdapterException("Refusing to use " + directory + " as a PostgreSQL data "
                        + "directory: it is not empty (it holds " + String.join(", ", found)
                        + (found.size() == 3 ? ", ..." : "") + ") and holds no cluster (no PG_VERSION)");
            }
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not read the PostgreSQL data directory " + directory, e);
        }
    }

    private static IllegalStateException inUse(Path directory, String why, Throwable cause) {
        return new IllegalStateException(
                "The PostgreSQL data directory " + directory + " is in use by a running server: " + why, cause);
    }

    private static PostgresAdapterException startFailed(Path directory, Exception cause) {
        return new PostgresAdapterException(
                "Could not start the embedded PostgreSQL on " + directory
                        + " (its output is logged by io.zonky.test.db.postgres.embedded.EmbeddedPostgres): "
                        + cause.getMessage(),
                cause);
    }
}
