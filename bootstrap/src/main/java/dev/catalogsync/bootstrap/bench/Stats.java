package dev.catalogsync.bootstrap.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Medians, percentiles and the way the table writes figures. */
final class Stats {

    private Stats() {}

    static Duration median(List<Duration> samples) {
        return percentile(samples, 50);
    }

    /** The nearest-rank percentile: the smallest sample that at least {@code percent}% of samples do not exceed. */
    static Duration percentile(List<Duration> samples, double percent) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Duration> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** {@code 840 ms} below a second, {@code 7.91 s} below ten, {@code 47.5 s} above. */
    static String seconds(Duration duration) {
        double seconds = duration.toNanos() / 1e9;
        if (seconds < 1) {
            return millis(duration);
        }
        return String.format(Locale.ROOT, seconds < 10 ? "%.2f s" : "%.1f s", seconds);
    }

    static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%d ms", Math.round(duration.toNanos() / 1e6));
    }

    static String rate(long events, Duration duration) {
        double perSecond = events / (duration.toNanos() / 1e9);
        return perSecond >= 1000
                ? String.format(Locale.ROOT, "%.1fk/s", perSecond / 1000)
                : String.format(Locale.ROOT, "%.0f/s", perSecond);
    }

    /** How many times faster {@code fast} is than {@code slow}: {@code 6.0×}. */
    static String times(Duration slow, Duration fast) {
        return String.format(Locale.ROOT, "%.1f×", slow.toNanos() / (double) fast.toNanos());
    }

    /** {@code value} relative to {@code base}: {@code +9%}, {@code -3%}. */
    static String relative(Duration value, Duration base) {
        double change = (value.toNanos() - base.toNanos()) * 100.0 / base.toNanos();
        return String.format(Locale.ROOT, "%+.0f%%", change);
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count).replace(',', ' ');
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%d MB", Math.round(bytes / (1024.0 * 1024.0)));
    }
}
