package dev.catalogsync.adapters.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's data directory and what catalog-sync keeps in it beside PostgreSQL's own files: the
 * superuser's password ({@value #PASSWORD_FILE}, readable by its owner only) and the authentication rules
 * ({@code pg_hba.conf}: password required, from this machine's loopback address only).
 *
 * <p>Who uses the server: every process using it holds {@value #USERS_LOCK_FILE} shared, and the operating system
 * releases that hold when the process ends, however it ends. So the last user to leave finds the lock free and stops
 * the server, and a server whose lock is free while it runs was left behind by users that died.
 */
final class EmbeddedServerDirectory {

    static final String PASSWORD_FILE = "catalog-sync-password";
    static final String USERS_LOCK_FILE = "catalog-sync-users.lock";

    /**
     * Connections over TCP from 127.0.0.1 only, each with the password (SCRAM); none over a Unix socket, as the
     * server opens none.
     */
    static final String HOST_BASED_AUTHENTICATION = """
            # Written by catalog-sync on every start of its embedded server: connections from this machine's
            # loopback address only, with the password kept in catalog-sync-password (readable by its owner only).
            host    all    all    127.0.0.1/32    scram-sha-256
            """;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServerDirectory.class);
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final int PASSWORD_BYTES = 24;

    private final Path path;

    /** @param path an absolute, normalized path; it need not exist yet */
    EmbeddedServerDirectory(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Creates the directory if needed and resolves it to its real path, so that every process names it alike. */
    static EmbeddedServerDirectory create(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            return new EmbeddedServerDirectory(absolute.toRealPath());
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not create the PostgreSQL data directory " + absolute, e);
        }
    }

    /** Whether {@code initdb} has made a cluster here. */
    boolean holdsCluster() {
        return Files.exists(path.resolve("PG_VERSION"));
    }

    /** The cluster's major version, from {@code PG_VERSION}. */
    String majorVersion() {
        try {
            return Files.readString(path.resolve("PG_VERSION"), StandardCharsets.UTF_8)
                    .trim();
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not read PG_VERSION in " + path, e);
        }
    }

    /**
     * Refuses, touching nothing, a directory that holds files but no cluster: it is someone else's.
     *
     * @throws PostgresAdapterException naming a few of the files found
     */
    void requireEmptyOrCluster() {
        if (holdsCluster()) {
            return;
        }
        try (Stream<Path> entries = Files.list(path)) {
            List<String> found = entries.limit(3)
                    .map(entry -> entry.getFileName().toString())
                    .toList();
            if (!found.isEmpty()) {
                throw new PostgresAdapterException("Refusing to use " + path + " as a PostgreSQL data directory: it "
                        + "is not empty (it holds " + String.join(", ", found) + (found.size() == 3 ? ", ..." : "")
                        + ") and holds no cluster (no PG_VERSION)");
            }
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not read the PostgreSQL data directory " + path, e);
        }
    }

    Optional<PostmasterPidFile> pidFile() {
        return PostmasterPidFile.read(path);
    }

    /** Removes a {@code postmaster.pid} that names no server of this directory, which would keep PostgreSQL from starting. */
    void deleteStalePidFile() {
        try {
            Files.deleteIfExists(path.resolve(PostmasterPidFile.FILE_NAME));
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not remove the stale postmaster.pid in " + path, e);
        }
    }

    /** The users lock: every process using the server here holds it shared, as long as it uses the server. */
    Path usersLockFile() {
        return path.resolve(USERS_LOCK_FILE);
    }

    /**
     * Takes a shared hold on the users lock, kept until the channel is closed. One per process: POSIX locks belong
     * to the process, and closing any channel on the file would release them all.
     */
    FileChannel holdAsUser() {
        try {
            FileChannel channel = FileChannel.open(
                    usersLockFile(), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                if (channel.tryLock(0, Long.MAX_VALUE, true) == null) {
                    throw new PostgresAdapterException(
                            "Another process is stopping the PostgreSQL on " + path + "; try again");
                }
                return channel;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not lock " + usersLockFile(), e);
        }
    }

    /**
     * Whether no process uses the server here: nobody holds the users lock. Must not be asked by a process that holds
     * it itself (see {@link #holdAsUser()}).
     */
    boolean unused() {
        if (!Files.exists(usersLockFile())) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(usersLockFile(), StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not check who uses the PostgreSQL on " + path, e);
        }
    }

    /** The superuser's password, if this directory has one yet. */
    Optional<String> password() {
        Path file = path.resolve(PASSWORD_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            keepOwnerOnly(file);
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not read " + file, e);
        }
    }

    /** A new random password: 24 bytes from {@link SecureRandom}, URL-safe Base64, so it needs no quoting in SQL. */
    static String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Keeps {@code password} in {@value #PASSWORD_FILE}, created readable by its owner only, replaced atomically. */
    void writePassword(String password) {
        writeOwnerOnly(PASSWORD_FILE, password + "\n");
    }

    /** Writes catalog-sync's {@code pg_hba.conf}, replacing whatever was there; read by the server when it starts. */
    void writeHostBasedAuthentication() {
        writeOwnerOnly("pg_hba.conf", HOST_BASED_AUTHENTICATION);
    }

    private void writeOwnerOnly(String name, String content) {
        Path target = path.resolve(name);
        Path temporary = path.resolve(name + ".catalog-sync-new");
        try {
            Files.deleteIfExists(temporary);
            if (POSIX) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
            } else {
                Files.createFile(temporary);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(content));
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not write " + target, e);
        }
    }

    private static void keepOwnerOnly(Path file) throws IOException {
        if (POSIX && !Files.getPosixFilePermissions(file).equals(OWNER_READ_WRITE)) {
            LOG.warn("{} was readable or writable by others; made it readable by its owner only", file);
            Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
        }
    }
}
