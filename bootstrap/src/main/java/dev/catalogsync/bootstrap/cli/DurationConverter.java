package dev.catalogsync.bootstrap.cli;

import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration written either simply, a whole number and a unit ({@code 30s}, {@code 15m}, {@code 12h},
 * {@code 7d}, or {@code 0}), or in ISO-8601 ({@code PT24H}, {@code P1D}, {@code PT1H30M}). Days are 24 hours. At most
 * {@link #MAXIMUM} (100 years): longer ones overflow the arithmetic of timestamps, here and in PostgreSQL, and
 * mean "never" anyway.
 */
class DurationConverter implements ITypeConverter<Duration> {

    static final String SYNTAX = "a whole number with s, m, h or d (1d, 12h, 0) or ISO-8601 (PT24H, P7D)";

    static final Duration MAXIMUM = Duration.ofDays(36_500);

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)([smhd])");

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher simple = SIMPLE.matcher(text);
        if (simple.matches()) {
            BigInteger seconds =
                    new BigInteger(simple.group(1)).multiply(BigInteger.valueOf(unitSeconds(simple.group(2))));
            if (seconds.compareTo(BigInteger.valueOf(MAXIMUM.toSeconds())) > 0) {
                throw tooLong(value);
            }
            return Duration.ofSeconds(seconds.longValueExact());
        }
        Duration duration;
        try {
            duration = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            // The pattern let only digits through: a number it cannot read is one too large.
            if (e.getCause() instanceof ArithmeticException || e.getCause() instanceof NumberFormatException) {
                throw tooLong(value);
            }
            throw new TypeConversionException("'" + value + "' is not a duration: use " + SYNTAX);
        }
        if (duration.compareTo(MAXIMUM) > 0) {
            throw tooLong(value);
        }
        return duration;
    }

    private static long unitSeconds(String unit) {
        return switch (unit) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3_600;
            default -> 86_400;
        };
    }

    private static TypeConversionException tooLong(String value) {
        return new TypeConversionException(
                "'" + value + "' is longer than the longest duration taken, " + MAXIMUM.toDays() + "d (100 years)");
    }
}
