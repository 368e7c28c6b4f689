package dev.catalogsync.adapters.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
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
 * own: one server per directory, shared by every process that opens it, stopped by the last one to close it.
 * Backed by zonky's embedded PostgreSQL binaries.
 *
 * <p>{@link #open} uses the server running on the directory, whoever started it, or starts one (running
 * {@code initdb} first on an empty directory). {@link #close()} stops it when no other process (or other
 * {@code open} of this one) still uses it, and otherwise leaves it running for them: a {@code run} outlives the
 * one-shot command that happened to start the server, and a {@code drain} outlives the {@code run} that did.
 *
 * <p>A server whose users all died (SIGKILL, an OOM kill, a halt) keeps running; the next {@code open} finds it
 * unused, adopts it and, when it closes, stops it as its last user. A {@code postmaster.pid} naming a live process
 * that is not a PostgreSQL serving the directory (its pid reused after a reboot) is removed. Who uses a server is
 * in {@link EmbeddedServerDirectory}; opening and stopping are serialized per directory by
 * {@link EmbeddedServerHome}'s start lock.
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

    /** Serializes opening and closing within this process; {@link EmbeddedServerHome} does so across processes. */
    private static final ReentrantLock OPENING = new ReentrantLock();

    /** This process's use of each data directory's server. */
    private static final Map<Path, LocalUse> USED_HERE = new HashMap<>();

    /**
     * How this process uses one directory's server: how many opens are not closed yet, its one hold on the users
     * lock while there are any, and the zonky instance if this process started the server.
     */
    private static final class LocalUse {
        final Optional<EmbeddedPostgres> started;
        FileChannel usersLock;
        int opens;

        LocalUse(Optional<EmbeddedPostgres> started, FileChannel usersLock) {
            this.started = started;
            this.usersLock = usersLock;
        }
    }

    private final EmbeddedServerDirectory directory;
    private final EmbeddedServerHome home;
    private final LocalUse local;
    private final int port;
    private final String password;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(
            EmbeddedServerDirectory directory, EmbeddedServerHome home, LocalUse local, int port, String password) {
        this.directory = directory;
        this.home = home;
        this.local = local;
        this.port = port;
        this.password = password;
    }

    /**
     * The server on {@code dataDirectory}: the one running there, or one started now (the directory and the cluster
     * in it created when needed).
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
            Optional<PostmasterPidFile> pidFile = directory.pidFile();
            Optional<ProcessHandle> postmaster = pidFile.flatMap(file -> ProcessHandle.of(file.pid()))
                    .filter(ProcessHandle::isAlive)
                    .filter(process ->
                            PostgresPrograms.ofServer(process, directory.path()).isPresent());
            if (postmaster.isEmpty()) {
                forgetStoppedServer(directory, pidFile);
                return start(directory, home);
            }
            if (pidFile.get().ready()) {
                return use(directory, home, pidFile.get());
            }
            // Someone else (by hand, or a process that predates the start lock) is starting or stopping it.
            if (System.nanoTime() > deadline) {
                throw new PostgresAdapterException("The PostgreSQL on " + directory.path() + " has been '"
                        + pidFile.get().status() + "' for over " + HANDOVER_WAIT.toSeconds() + " s");
            }
            pause();
        }
    }

    /** The running server: used beside its other users, or adopted when it has none left. */
    private static EmbeddedPostgresServer use(
            EmbeddedServerDirectory directory, EmbeddedServerHome home, PostmasterPidFile running) {
        LocalUse local = USED_HERE.get(directory.path());
        if (local == null || local.opens == 0) {
            if (local == null && directory.unused()) {
                LOG.warn(
                        "the PostgreSQL on {} (pid {}) was left running by processes that ended; using it, and "
                                + "stopping it when done",
                        directory.path(),
                        running.pid());
            }
            FileChannel usersLock = directory.holdAsUser();
            if (local == null) {
                local = new LocalUse(Optional.empty(), usersLock);
                USED_HERE.put(directory.path(), local);
            } else {
                local.usersLock = usersLock;
            }
        }
        local.opens++;
        return new EmbeddedPostgresServer(
                directory, home, local, running.port(), directory.password().orElse(""));
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
        return directory.path();
    }

    /** Whether this process started the server (rather than finding it running). */
    public boolean startedHere() {
        return local.started.isPresent();
    }

    /**
     * Stops using the server, and stops the server (fast shutdown) when nobody else uses it; the data stays in
     * place. Idempotent.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        OPENING.lock();
        try {
            if (--local.opens > 0 || local.usersLock == null) {
                return; // still used here, or forgotten after its server stopped under it
            }
            local.usersLock.close();
            local.usersLock = null;
            try (EmbeddedServerHome.StartLock ignored = home.lockForStarting(directory.path(), HANDOVER_WAIT)) {
                if (directory.unused()) {
                    stop();
                    USED_HERE.remove(directory.path(), local);
                } else if (local.started.isEmpty()) {
                    USED_HERE.remove(directory.path(), local);
                }
                // Else this process started the server and others still use it: zonky's instance stays here, to be
                // used again or closed once the server has stopped.
            }
        } catch (IOException e) {
            throw new PostgresAdapterException(
                    "Could not stop using the embedded PostgreSQL on " + directory.path(), e);
        } finally {
            OPENING.unlock();
        }
    }

    /** The last user leaves: stops the server with zonky if this process started it, else with the server's pg_ctl. */
    private void stop() throws IOException {
        if (local.started.isPresent()) {
            local.started.get().close();
            return;
        }
        Optional<ProcessHandle> postmaster = directory
                .pidFile()
                .flatMap(file -> ProcessHandle.of(file.pid()))
                .filter(ProcessHandle::isAlive);
        postmaster
                .flatMap(process -> PostgresPrograms.ofServer(process, directory.path()))
                .ifPresent(programs -> programs.stop(directory.path()));
    }

    /**
     * Clears what a stopped server left: a {@code postmaster.pid} naming a live process that is not a server of this
     * directory (PostgreSQL would refuse to start) is removed; one naming a dead process is left to PostgreSQL, which
     * removes it itself. A zonky instance of this process whose server has stopped is closed, releasing its lock.
     */
    private static void forgetStoppedServer(EmbeddedServerDirectory directory, Optional<PostmasterPidFile> pidFile) {
        LocalUse stale = USED_HERE.remove(directory.path());
        if (stale != null) {
            // Its server stopped under it (killed by hand): let go of it before anything holds the lock file anew.
            stale.started.ifPresent(EmbeddedPostgresServer::closeQuietly);
            if (stale.usersLock != null) {
                closeQuietly(stale.usersLock);
                stale.usersLock = null;
            }
        }
        Optional<ProcessHandle> other =
                pidFile.flatMap(file -> ProcessHandle.of(file.pid())).filter(ProcessHandle::isAlive);
        if (other.isPresent()) {
            LOG.warn(
                    "postmaster.pid in {} names process {}, which is not a PostgreSQL serving it (a reused pid); "
                            + "removing the stale file",
                    directory.path(),
                    other.get().pid());
            directory.deleteStalePidFile();
        }
    }

    private static EmbeddedPostgresServer start(EmbeddedServerDirectory directory, EmbeddedServerHome home) {
        directory.requireEmptyOrCluster();
        Optional<String> kept = directory.password();
        String password = kept.orElseGet(EmbeddedServerDirectory::newPassword);
        Path zonkyDirectory = home.zonkyWorkingDirectory();
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.path())
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(zonkyDirectory.toFile())
                    .setPgBinaryResolver(home.binaryResolver())
                    .setPGStartupWait(STARTUP_WAIT)
                    // Not stopped when this JVM exits: other processes may be using it. Its last user stops it.
                    .setRegisterShutdownHook(false)
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
        } catch (IOException | RuntimeException e) {
            throw new PostgresAdapterException(
                    "Could not start the embedded PostgreSQL on " + directory.path()
                            + " (its output is logged by io.zonky.test.db.postgres.embedded.EmbeddedPostgres): "
                            + Redaction.text(String.valueOf(e.getMessage()), List.of(password)),
                    e);
        }
        home.restrictZonkyWorkingDirectory();
        LocalUse local = new LocalUse(Optional.of(postgres), directory.holdAsUser());
        local.opens = 1;
        USED_HERE.put(directory.path(), local);
        return new EmbeddedPostgresServer(directory, home, local, postgres.getPort(), password);
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

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the users lock of a server that had stopped", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.debug("closing zonky's instance of a server that had stopped", e);
        }
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
        return "embedded PostgreSQL on " + directory.path() + " at " + LOOPBACK + ":" + port
                + (startedHere() ? " (started here)" : " (found running)");
    }
}
