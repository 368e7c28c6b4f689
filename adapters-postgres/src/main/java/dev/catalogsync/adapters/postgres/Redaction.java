package dev.catalogsync.adapters.postgres;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of what is printed or logged. A JDBC URL may carry one as a query parameter
 * ({@code ?password=..}, {@code &sslpassword=..}) or as user-info ({@code //user:secret@host}); both are masked as
 * {@value #MASK}. Text that quotes such a URL (a driver's error, a log line) is masked the same way, and known
 * secrets (a password given on its own) wherever they appear.
 *
 * <p>In free text a URL's password is taken to end at the next blank, quote, {@code &}, {@code ;} or {@code #}:
 * punctuation right after it is masked with it, erring on the side of hiding too much.
 */
public final class Redaction {

    /** What a password is replaced with. */
    public static final String MASK = "***";

    /** Any parameter whose name ends in "password", up to the next parameter, fragment or blank. */
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)([?&;]?[^\\s?&;=#'\"]*password=)([^&;#\\s'\"]*)");

    /** {@code //user:secret@}: the user stays, the secret (up to the authority's last {@code @}) goes. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s'\"]*:)([^/\\s'\"]*)(@)");

    private Redaction() {}

    /**
     * The text with every URL-borne password masked, wherever a URL appears in it (a URL alone included); the rest
     * (host, port, database, user) is kept for the reader.
     */
    public static String text(String text) {
        Objects.requireNonNull(text, "text");
        String masked = PASSWORD_PARAMETER.matcher(text).replaceAll(Redaction::masked);
        return USER_INFO.matcher(masked).replaceAll(Redaction::masked);
    }

    /**
     * The text with URL-borne passwords masked and every one of {@code secrets} replaced wherever it appears, longest
     * first. Empty secrets are ignored.
     */
    public static String text(String text, Collection<String> secrets) {
        String masked = text(text);
        List<String> bySize = new ArrayList<>(secrets);
        bySize.removeIf(secret -> secret == null || secret.isEmpty());
        bySize.sort(Comparator.comparingInt(String::length).reversed());
        for (String secret : bySize) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /** The passwords a JDBC URL carries, in the order they appear; empty when it carries none. */
    public static List<String> secretsIn(String url) {
        Objects.requireNonNull(url, "url");
        List<String> secrets = new ArrayList<>();
        collect(PASSWORD_PARAMETER.matcher(url), secrets);
        collect(USER_INFO.matcher(url), secrets);
        return List.copyOf(secrets);
    }

    private static void collect(Matcher matcher, List<String> into) {
        while (matcher.find()) {
            if (!matcher.group(2).isEmpty() && !matcher.group(2).startsWith(MASK)) {
                into.add(matcher.group(2));
            }
        }
    }

    /**
     * Group 1 is kept, group 2 (the secret) masked unless empty or masked already (so that masking twice changes
     * nothing), group 3 (if any) kept.
     */
    private static String masked(MatchResult match) {
        String secret = match.group(2);
        String kept = match.group(1)
                + (secret.isEmpty() || secret.startsWith(MASK) ? secret : MASK)
                + (match.groupCount() > 2 ? match.group(3) : "");
        return Matcher.quoteReplacement(kept);
    }
}
