package dev.catalogsync.domain.partitioning;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A partition of the queue as the sliding-list rule sees it: its list value, whether it holds a pending event,
 * and when its oldest record (lowest id) was created.
 *
 * <p>A class rather than a record: an empty partition has no oldest record, and that is an empty
 * {@link Optional} from {@link #oldestRecordCreatedAt()}, never a {@code null} or {@code Optional} component.
 */
public final class AttachedPartition {

    private final long value;
    private final boolean hasPending;
    private final Instant oldestRecordCreatedAt;

    private AttachedPartition(long value, boolean hasPending, Instant oldestRecordCreatedAt) {
        if (value < 1) {
            throw new IllegalArgumentException("partition values start at 1, was " + value);
        }
        this.value = value;
        this.hasPending = hasPending;
        this.oldestRecordCreatedAt = oldestRecordCreatedAt;
    }

    /** A partition that holds no record at all. */
    public static AttachedPartition empty(long value) {
        return new AttachedPartition(value, false, null);
    }

    /**
     * A partition holding records.
     *
     * @param hasPending whether any of them is pending
     * @param oldestRecordCreatedAt {@code created_at} of the record with the lowest id
     */
    public static AttachedPartition holding(long value, boolean hasPending, Instant oldestRecordCreatedAt) {
        return new AttachedPartition(
                value, hasPending, Objects.requireNonNull(oldestRecordCreatedAt, "oldestRecordCreatedAt"));
    }

    public long value() {
        return value;
    }

    public boolean hasPending() {
        return hasPending;
    }

    /** When the record with the lowest id was created; empty when the partition holds none. */
    public Optional<Instant> oldestRecordCreatedAt() {
        return Optional.ofNullable(oldestRecordCreatedAt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttachedPartition that
                && value == that.value
                && hasPending == that.hasPending
                && Objects.equals(oldestRecordCreatedAt, that.oldestRecordCreatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, hasPending, oldestRecordCreatedAt);
    }

    @Override
    public String toString() {
        return oldestRecordCreatedAt == null
                ? "AttachedPartition[" + value + ", empty]"
                : "AttachedPartition[" + value + ", hasPending=" + hasPending + ", oldest=" + oldestRecordCreatedAt
                        + "]";
    }
}
