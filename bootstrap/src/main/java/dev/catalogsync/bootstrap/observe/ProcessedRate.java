package dev.catalogsync.bootstrap.observe;

import dev.catalogsync.application.port.out.SyncStatistics;
import dev.catalogsync.domain.BatchResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Events this process processed, per second, over the last {@link #WINDOW}, for the console's chart: a ring of
 * {@link #INTERVALS} counts of {@link #INTERVAL} each, so memory is fixed whatever the backlog. An interval is
 * credited when its batch ends.
 */
public final class ProcessedRate implements SyncStatistics {

    public static final Duration INTERVAL = Duration.ofSeconds(10);
    public static final Duration WINDOW = Duration.ofMinutes(15);
    static final int INTERVALS = (int) (WINDOW.toSeconds() / INTERVAL.toSeconds());

    /**
     * The rate, interval by interval, oldest first.
     *
     * @param intervalSeconds each value's interval
     * @param until when the newest interval ends (ISO-8601); the oldest starts {@code intervalSeconds} times the
     *     number of values before it
     * @param perSecond events processed per second in each interval
     * @param processedEvents all events processed in the window
     */
    public record History(long intervalSeconds, String until, List<Double> perSecond, long processedEvents) {}

    private final Clock clock;
    /** Events of the interval {@code slots[i]}, at index {@code slots[i] % INTERVALS}. */
    private final long[] counts = new long[INTERVALS];

    private final long[] slots = new long[INTERVALS];

    public ProcessedRate(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        java.util.Arrays.fill(slots, -1);
    }

    @Override
    public synchronized void batchProcessed(BatchResult result, Duration took) {
        long slot = slotOf(clock.instant());
        int index = (int) (slot % INTERVALS);
        if (slots[index] != slot) {
            slots[index] = slot;
            counts[index] = 0;
        }
        counts[index] += result.processedCount();
    }

    public synchronized History history() {
        long current = slotOf(clock.instant());
        List<Double> perSecond = new ArrayList<>(INTERVALS);
        long total = 0;
        for (long slot = current - INTERVALS + 1; slot <= current; slot++) {
            int index = (int) (Math.floorMod(slot, INTERVALS));
            long count = slot >= 0 && slots[index] == slot ? counts[index] : 0;
            total += count;
            perSecond.add(count / (double) INTERVAL.toSeconds());
        }
        Instant until = Instant.ofEpochSecond((current + 1) * INTERVAL.toSeconds());
        return new History(INTERVAL.toSeconds(), until.toString(), List.copyOf(perSecond), total);
    }

    private static long slotOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), INTERVAL.toSeconds());
    }
}
