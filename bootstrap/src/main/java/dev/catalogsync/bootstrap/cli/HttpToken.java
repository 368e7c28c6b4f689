package dev.catalogsync.bootstrap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@code run} finds the HTTP bearer token: a file ({@code --http-token-file} or
 * {@value #FILE_VARIABLE}), else the variable {@value #VARIABLE}; never an option, since options show in
 * {@code ps}. The token is a secret: nothing here prints it, and no message repeats it.
 */
final class HttpToken {

    static final String VARIABLE = "CATALOG_SYNC_HTTP_TOKEN";
    static final String FILE_VARIABLE = "CATALOG_SYNC_HTTP_TOKEN_FILE";

    /** A token is a line; a file larger than this is not a token file. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpToken.class);

    private HttpToken() {}

    /**
     * The token: the file's content, trimmed, when a file is named, else {@value #VARIABLE}'s value; empty when
     * neither is set.
     *
     * @throws IllegalArgumentException naming the file or the variable and what is wrong, never the token
     */
    static Optional<String> read(Optional<Path> file, Map<String, String> environment) {
        if (file.isPresent()) {
            return Optional.of(readFile(file.get()));
        }
        String value = environment.get(VARIABLE);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(VARIABLE + " is set but blank");
        }
        return Optional.of(value.trim());
    }

    private static String readFile(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the token file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read the token file " + file + ": " + e.getClass().getSimpleName());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(
                    "the token file " + file + " is larger than " + MAX_FILE_BYTES + " bytes: not a token file");
        }
        String token = new String(bytes, StandardCharsets.UTF_8).trim();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("the token file " + file + " is empty");
        }
        return token;
    }

    /**
     * Warns when every user of the machine can read {@code file}; it is used all the same: a Kubernetes secret
     * mounted with its default mode is such a file.
     */
    static void warnIfEveryoneCanRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("every user of this machine can read the token file {}; 'chmod 600' it", file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: nothing to check.
        }
    }
}
