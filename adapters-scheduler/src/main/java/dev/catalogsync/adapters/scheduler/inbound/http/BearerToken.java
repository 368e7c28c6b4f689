package dev.catalogsync.adapters.scheduler.inbound.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The secret that HTTP clients present as {@code Authorization: Bearer <token>}. Only its SHA-256 digest is kept, so
 * the token itself cannot end up in a log, a heap dump's strings or an error message; {@link #toString()} says
 * nothing about it either.
 *
 * <p>A presented token is compared by digest with {@link MessageDigest#isEqual}, which takes the same time wherever
 * the first difference is, and digests have one length whatever the token's: a client learns nothing from how long
 * a refusal took.
 */
public final class BearerToken {

    /** Shorter secrets can be guessed; {@code openssl rand -hex 32} gives 64 characters. */
    public static final int MINIMUM_LENGTH = 16;

    /** Far above any generated token; bounds what is hashed per request. */
    public static final int MAXIMUM_LENGTH = 4096;

    /** RFC 6750's {@code b64token}: what a bearer token may hold, so that it travels in a header unchanged. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final byte[] digest;

    private BearerToken(byte[] digest) {
        this.digest = digest;
    }

    /**
     * The token clients must present.
     *
     * @throws IllegalArgumentException when it is shorter than {@value #MINIMUM_LENGTH} characters, longer than
     *     {@value #MAXIMUM_LENGTH}, or holds a character a bearer token cannot (spaces, quotes, control
     *     characters...); the message never repeats the token
     */
    public static BearerToken of(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() < MINIMUM_LENGTH || token.length() > MAXIMUM_LENGTH) {
            throw new IllegalArgumentException("the HTTP token must be " + MINIMUM_LENGTH + " to " + MAXIMUM_LENGTH
                    + " characters long, was " + token.length() + " (e.g. the output of 'openssl rand -hex 32')");
        }
        if (!B64TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("the HTTP token may hold letters, digits and - . _ ~ + / only, "
                    + "with = only at its end (e.g. the output of 'openssl rand -hex 32')");
        }
        return new BearerToken(sha256(token));
    }

    /** Whether {@code presented} is this token; in time that does not depend on where they differ. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(digest, sha256(Objects.requireNonNull(presented, "presented")));
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
