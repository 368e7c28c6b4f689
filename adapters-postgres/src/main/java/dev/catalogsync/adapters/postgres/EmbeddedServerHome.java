package dev.catalogsync.adapters.postgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The user's own directory for the embedded server's programs and locks, {@code ~/.catalog-sync}: PostgreSQL's
 * binaries are unpacked under {@code binaries/}, which only the user may enter, never in a shared temporary
 * directory where another user could replace them before they run; {@code locks/} serializes starts per data
 * directory.
 *
 * <p>zonky makes the directory it unpacks into writable by everyone; that directory is {@code binaries/zonky},
 * inside {@code binaries/} (mode 0700), so nobody else can reach it, and its mode is put back to 0700 after each
 * start. A home or binaries directory that belongs to another user, or that others may write, is refused: what it
 * holds could have been replaced.
 */
final class EmbeddedServerHome {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private static final long LOCK_RETRY_MILLIS = 50;

    private final Path root;

    EmbeddedServerHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code ~/.catalog-sync}. */
    static EmbeddedServerHome ofUser() {
        return new EmbeddedServerHome(Path.of(System.getProperty("user.home"), ".catalog-sync"));
    }

    Path root() {
        return root;
    }

    /**
     * Where zonky unpacks and finds PostgreSQL, created owner-only if needed.
     *
     * @throws PostgresAdapterException when the home or binaries directory belongs to another user or others
     *     may write it
     */
    Path zonkyWorkingDirectory() {
        Path binaries = root.resolve("binaries");
        createPrivate(root);
        createPrivate(binaries);
        restrictToOwner(binaries);
        return binaries.resolve("zonky");
    }

    /**
     * zonky's PostgreSQL binaries, to be unpacked under this home. zonky keeps unpacked binaries per resolver for
     * the life of the JVM, wherever they were unpacked first; a resolver of this home's own (equal for equal homes)
     * keeps another user of zonky in the same JVM from pointing this home at its directory.
     */
    PgBinaryResolver binaryResolver() {
        return new HomeBinaries(root);
    }

    private record HomeBinaries(Path home) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }

    /** Puts zonky's directory back to owner-only after zonky made it writable by everyone. */
    void restrictZonkyWorkingDirectory() {
        restrictToOwner(root.resolve("binaries").resolve("zonky"));
    }

    /**
     * Waits, at most {@code wait}, for the right to inspect and start the server on {@code dataDirectory}, so that
     * two processes never run {@code initdb} or start a server on the same directory at once. Held by one thread
     * of one process at a time; the caller serializes its own threads.
     *
     * @throws PostgresAdapterException when another process holds it longer than {@code wait}
     */
    StartLock lockForStarting(Path dataDirectory, Duration wait) {
        Path locks = root.resolve("locks");
        createPrivate(root);
        createPrivate(locks);
        Path file = locks.resolve(digest(dataDirectory.toString()) + ".lock");
        FileChannel channel = open(file);
        try {
            FileLock lock = waitForLock(
                    channel,
                    wait,
                    () -> "Another process has been starting or stopping the "
                            + "embedded PostgreSQL on " + dataDirectory + " for over " + wait.toSeconds()
                            + " s (it holds "
                            + file + ")");
            return () -> {
                lock.release();
                channel.close();
            };
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not open " + file + " to start the embedded PostgreSQL", e);
        }
    }

    private static FileLock waitForLock(FileChannel channel, Duration wait, Supplier<String> timedOut) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            FileLock lock;
            while ((lock = channel.tryLock()) == null) {
                if (System.nanoTime() > deadline) {
                    throw new PostgresAdapterException(timedOut.get());
                }
                TimeUnit.MILLISECONDS.sleep(LOCK_RETRY_MILLIS);
            }
            return lock;
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not lock to start the embedded PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostgresAdapterException("Interrupted while waiting to start the embedded PostgreSQL", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing releases the lock as well; nothing else to do about a failure here.
        }
    }

    /** A held start lock; closing it lets the next process in. */
    @FunctionalInterface
    interface StartLock extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    private static void createPrivate(Path directory) {
        try {
            if (POSIX) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not create " + directory, e);
        }
        requireOwnedAndNotWritableByOthers(directory);
    }

    private static void requireOwnedAndNotWritableByOthers(Path directory) {
        if (!POSIX) {
            return;
        }
        try {
            Optional<String> me = ProcessHandle.current().info().user();
            String owner = Files.getOwner(directory).getName();
            if (me.isPresent() && !me.get().equals(owner)) {
                throw new PostgresAdapterException(directory + " belongs to " + owner + ", not to " + me.get()
                        + ": the embedded PostgreSQL's programs cannot be trusted there; use your own home directory");
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
            if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new PostgresAdapterException(directory + " is writable by other users ("
                        + PosixFilePermissions.toString(permissions) + "), so the embedded PostgreSQL's programs "
                        + "under it cannot be trusted; remove write access for others (chmod go-w) or remove it");
            }
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not check the permissions of " + directory, e);
        }
    }

    private static void restrictToOwner(Path directory) {
        if (!POSIX || !Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(directory, OWNER_ONLY);
        } catch (IOException e) {
            throw new PostgresAdapterException("Could not make " + directory + " private to its owner", e);
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
