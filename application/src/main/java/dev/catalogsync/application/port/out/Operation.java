package dev.catalogsync.application.port.out;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One operation an operator or a schedule performed besides a flag change (those are {@link FlagChange}s), as the
 * {@link OperationLog} keeps it.
 *
 * @param kind what was done
 * @param changedBy who, and from where
 * @param performedAt when it ended
 * @param outcome what came of it, one line, e.g. {@code checked=120 drifted=0 queued=0}
 */
public record Operation(Kind kind, ChangedBy changedBy, Instant performedAt, String outcome) {

    /** Longest outcome kept. */
    public static final int MAX_OUTCOME_LENGTH = 500;

    /** What an operation does. */
    public enum Kind {
        /** A maintenance round of the queue's partitions. */
        PARTITION_ROUND,
        /** A drift check of the mirror, with or without repair. */
        RECONCILE,
        /** A run of the worker asked for by hand. */
        ENQUEUE_WORKER;

        /** Lower case, as stored and shown. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for a label no kind has */
        public static Kind ofLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    public Operation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(changedBy, "changedBy");
        Objects.requireNonNull(performedAt, "performedAt");
        Objects.requireNonNull(outcome, "outcome");
        outcome = outcome.replaceAll("\\s+", " ").trim();
        if (outcome.length() > MAX_OUTCOME_LENGTH) {
            outcome = outcome.substring(0, MAX_OUTCOME_LENGTH);
        }
    }
}
