package dev.catalogsync.bootstrap.observe;

import java.util.regex.Pattern;

/**
 * A failure as one short line fit for an HTTP body or a status page: the innermost cause's first line, without the
 * SQL text jOOQ puts in its messages, with any password in a URL or connection string blanked, at most
 * {@value #MAX_LENGTH} characters. Never a stack trace.
 */
public final class SafeMessage {

    static final int MAX_LENGTH = 200;

    private static final Pattern SQL_TEXT = Pattern.compile("SQL \\[.*?\\];?\\s*", Pattern.DOTALL);
    private static final Pattern PASSWORD =
            Pattern.compile("(?i)(password\\s*[=:]\\s*)([^&;\\s,)]+)|(//[^/:@\\s]+:)([^@/\\s]+)(@)");

    private SafeMessage() {}

    public static String of(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            message = failure.getMessage();
        }
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        return redact(message);
    }

    static String redact(String message) {
        String text = SQL_TEXT.matcher(message).replaceAll("");
        text = text.lines().findFirst().orElse("").trim();
        text = PASSWORD.matcher(text)
                .replaceAll(match -> match.group(1) != null
                        ? java.util.regex.Matcher.quoteReplacement(match.group(1) + "***")
                        : java.util.regex.Matcher.quoteReplacement(match.group(3) + "***" + match.group(5)));
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }
}
