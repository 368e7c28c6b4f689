package dev.catalogsync.bootstrap.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration written either simply, a whole number and a unit ({@code 30s}, {@code 15m}, {@code 12h},
 * {@code 7d}, or {@code 0}), or in ISO-8601 ({@code PT24H}, {@code P1D}, {@code PT1H30M}). Days are 24 hours.
 */
class DurationConverter implements ITypeConverter<Duration> {

    static final String SYNTAX = "a whole number with s, m, h or d (1d, 12h, 0) or ISO-8601 (PT24H, P7D)";

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})([smhd])");

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher simple = SIMPLE.matcher(text);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration: use " + SYNTAX);
        }
    }
}
