package dev.catalogsync.adapters.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server on a data directory that outlives the process, for running without a database of one's
 * own: one server per directory, shared by every process that opens it. Backed by zonky's embedded PostgreSQL
 * binaries.
 *
 * <p>{@link #open} starts the server when none runs on the directory, running {@code initdb} first on an empty
 * one, and connects to the running one when another process (or an earlier {@code open} in this one) started it.
 * Only the {@code open} that started a server stops it, on {@link #close()}; the others leave it running, and
 * lose their sessions when it stops.
 *
 * <p>A server left running by a process that died (SIGKILL, an OOM kill, a halt) is stopped and started afresh
 * by the next {@code open}, which then owns it. A {@code postmaster.pid} naming a live process that is not a
 * PostgreSQL serving the directory (its pid reused after a reboot) is removed. Who owns a server, and so whether
 * it was left behind, is in {@link EmbeddedServerDirectory}.
 *
 * <p>Not open to every local user: the server listens on 127.0.0.1 only and on no Unix socket, and every
 * connection needs the superuser's password, made on first start (or the first start after an install that had
 * none) and kept in the data directory, readable by its owner only. The binaries are unpacked under the user's
 * {@code ~/.catalog-sync} ({@link EmbeddedServerHome}), not in a shared temporary directory.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** How long a start may take, including crash recovery of a cluster whose last server was killed. */
    static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    /** How long to wait for another process that is starting or stopping the server on the same directory. */
    static final Duration HANDOVER_WAIT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final String SUPERUSER = "postgres";
    private static final String DATABASE = "postgres";
    private static final String LOOPBACK = "127.0.0.1";
    private static final long RETRY_MILLIS = 100;

    /** Serializes opening and stopping within this process; {@link EmbeddedServerHome} does so across processes. */
    private static final ReentrantLock OPENING = new ReentrantLock();

    /** The servers this process started and has not stopped, by data directory. */
    private static final Map<Path, EmbeddedPostgres> STARTED_HERE = new HashMap<>();

    private final Path dataDirectory;
    private final int port;
    private final String password;
    private final Optional<EmbeddedPostgres> started;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(Path dataDirectory, int port, String password, Optional<EmbeddedPostgres> started) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.password = password;
        this.started = started;
    }

    /**
     * The server on {@code dataDirectory}: started now (the directory and the cluster in it created when needed), or
     * the one that runs there already.
     *
     * @throws PostgresAdapterException when the directory holds something else than a cluster, the server does not
     *     start, or another process keeps starting or stopping it for longer than {@link #HANDOVER_WAIT}
     */
    public static EmbeddedPostgresServer open(Path dataDirectory) {
        return open(dataDirectory, EmbeddedServerHome.ofUser());
    }

    static EmbeddedPostgresServer open(Path dataDirectory, EmbeddedServerHome home) {
        EmbeddedServerDirectory directory =
                EmbeddedServerDirectory.create(Objects.requireNonNull(dataDirectory, "dataDirectory"));
        OPENING.lock();
        try (EmbeddedServerHome.StartLock ignored = home.lockForStarting(directory.path(), HANDOVER_WAIT)) {
            return openWhileLocked(directory, home);
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not release the start lock of " + directory.path(), e);
        } finally {
            OPENING.unlock();
        }
    }

    private static EmbeddedPostgresServer openWhileLocked(EmbeddedServerDirectory directory, EmbeddedServerHome home) {
        long deadline = System.nanoTime() + HANDOVER_WAIT.toNanos();
        while (true) {
            EmbeddedPostgres ours = STARTED_HERE.get(directory.path());
            if (ours != null) {
                return shared(directory, ours.getPort());
            }
            if (!directory.ownedByAnotherProcess()) {
                stopOrForgetLeftover(directory);
                return start(directory, home);
            }
            Optional<PostmasterPidFile> running = directory.pidFile().filter(PostmasterPidFile::ready);
            if (running.isPresent()) {
                LOG.debug(
                        "using the PostgreSQL that process {} runs on {}",
                        running.get().pid(),
                        directory.path());
                return shared(directory, running.get().port());
            }
            // Its owner is starting or stopping it: wait for either end.
            if (System.nanoTime() > deadline) {
                throw new PostgresAdapterException("The process running the embedded PostgreSQL on "
                        + directory.path() + " has been starting or stopping it for over "
                        + HANDOVER_WAIT.toSeconds() + " s");
            }
            pause();
        }
    }

    /**
     * The connection settings: the superuser on the {@code postgres} database over 127.0.0.1, with the password
     * from the data directory.
     */
    public PostgresConnectionSettings settings() {
        return new PostgresConnectionSettings(
                "jdbc:postgresql://" + LOOPBACK + ":" + port + "/" + DATABASE, SUPERUSER, password);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether this {@code open} started the server, and so stops it on {@link #close()}. */
    public boolean startedHere() {
        return started.isPresent();
    }

    /**
     * Stops the server if this {@code open} started it (fast shutdown: open sessions, other processes' too, are
     * ended) and leaves the data in place; otherwise leaves the server running. Idempotent.
     */
    @Override
    public void close() {
        if (started.isEmpty() || closed.getAndSet(true)) {
            return;
        }
        OPENING.lock();
        try {
            STARTED_HERE.remove(dataDirectory);
            started.get().close();
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not stop the embedded PostgreSQL on " + dataDirectory, e);
        } finally {
            OPENING.unlock();
        }
    }

    private static EmbeddedPostgresServer shared(EmbeddedServerDirectory directory, int port) {
        // An owner of an install made before passwords (it has none yet) still trusts local connections.
        return new EmbeddedPostgresServer(
                directory.path(), port, directory.password().orElse(""), Optional.empty());
    }

    /**
     * Clears what a dead owner left: its server, still running, is stopped; a {@code postmaster.pid} naming a live
     * process that is not that server is removed (PostgreSQL would refuse to start). One naming a dead process is
     * left to PostgreSQL, which removes it itself.
     */
    private static void stopOrForgetLeftover(EmbeddedServerDirectory directory) {
        Optional<PostmasterPidFile> pidFile = directory.pidFile();
        Optional<ProcessHandle> process =
                pidFile.flatMap(file -> ProcessHandle.of(file.pid())).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return;
        }
        long pid = process.get().pid();
        Optional<PostgresPrograms> server = PostgresPrograms.ofServer(process.get(), directory.path());
        if (server.isPresent()) {
            LOG.warn(
                    "the PostgreSQL on {} (pid {}) was left running by a process that ended; stopping it to start "
                            + "it afresh",
                    directory.path(),
                    pid);
            server.get().stop(directory.path());
        } else {
            LOG.warn(
                    "postmaster.pid in {} names process {}, which is not a PostgreSQL serving it (a reused pid); "
                            + "removing the stale file",
                    directory.path(),
                    pid);
            directory.deleteStalePidFile();
        }
    }

    private static EmbeddedPostgresServer start(EmbeddedServerDirectory directory, EmbeddedServerHome home) {
        directory.requireEmptyOrCluster();
        Optional<String> kept = directory.password();
        String password = kept.orElseGet(EmbeddedServerDirectory::newPassword);
        Path zonkyDirectory = home.zonkyWorkingDirectory();
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.path())
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(zonkyDirectory.toFile())
                    .setPGStartupWait(STARTUP_WAIT)
                    // zonky tunes for throwaway test databases (-F, synchronous_commit off); this data is kept.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", LOOPBACK)
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setConnectConfig("password", password)
                    // After initdb, before the server starts: nothing can connect while this runs.
                    .setDataDirectoryCustomizer(cluster -> secure(directory, zonkyDirectory, password, kept.isEmpty()))
                    .start();
            home.restrictZonkyWorkingDirectory();
            STARTED_HERE.put(directory.path(), postgres);
            return new EmbeddedPostgresServer(directory.path(), postgres.getPort(), password, Optional.of(postgres));
        } catch (IOException | RuntimeException e) {
            throw new PostgresAdapterException(
                    "Could not start the embedded PostgreSQL on " + directory.path()
                            + " (its output is logged by io.zonky.test.db.postgres.embedded.EmbeddedPostgres): "
                            + Redaction.text(String.valueOf(e.getMessage()), List.of(password)),
                    e);
        }
    }

    /**
     * Gives a cluster without a password (new, or made before catalog-sync set one) its superuser's password, set
     * first and kept second, so that a crash in between only means a new password next time; and writes the
     * authentication rules that require it.
     */
    private static void secure(
            EmbeddedServerDirectory directory, Path zonkyDirectory, String password, boolean isNewPassword) {
        if (isNewPassword) {
            PostgresPrograms.unpackedIn(zonkyDirectory, directory.majorVersion())
                    .setPassword(directory.path(), SUPERUSER, password);
            directory.writePassword(password);
        }
        directory.writeHostBasedAuthentication();
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostgresAdapterException("Interrupted while waiting for the embedded PostgreSQL", e);
        }
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL on " + dataDirectory + " at " + LOOPBACK + ":" + port
                + (startedHere() ? " (started here)" : " (shared)");
    }
}
