package dev.catalogsync.adapters.postgres;

import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back the text {@code pg_get_expr} prints for a partition bound or a column default. Pure parsing: the
 * queries that fetch the text are {@link PartitionCatalog}'s.
 */
final class CatalogExpressions {

    /** The values of a list partition's bound, as {@code pg_get_expr} prints it: {@code FOR VALUES IN ('1', '2')}. */
    private static final Pattern LIST_VALUE = Pattern.compile("'?(-?\\d+)'?");
    /** A column default as {@code pg_get_expr} prints a bigint constant: {@code 2} or {@code '2'::bigint}. */
    private static final Pattern CONSTANT_DEFAULT = Pattern.compile("\\(?'?(\\d+)'?(::bigint)?\\)?");

    private CatalogExpressions() {}

    /** The values of a list partition's bound, lowest first; none for a {@code DEFAULT} partition. */
    static List<Long> listValues(String bound) {
        int open = bound.indexOf('(');
        int close = bound.lastIndexOf(')');
        if (!bound.startsWith("FOR VALUES IN") || open < 0 || close < open) {
            return List.of();
        }
        Matcher matcher = LIST_VALUE.matcher(bound.substring(open + 1, close));
        TreeSet<Long> values = new TreeSet<>();
        while (matcher.find()) {
            values.add(Long.parseLong(matcher.group(1)));
        }
        return List.copyOf(values);
    }

    /** The non-negative constant a column default is, or empty when it is anything else (a function call, say). */
    static OptionalLong constant(String defaultExpression) {
        Matcher matcher = CONSTANT_DEFAULT.matcher(defaultExpression.trim());
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }
}
