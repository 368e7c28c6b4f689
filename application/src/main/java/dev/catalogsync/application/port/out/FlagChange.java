package dev.catalogsync.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of a flag's stored state, as the audit keeps it.
 *
 * @param flagName the flag
 * @param before its stored state before the change
 * @param after its stored state after it ({@link StoredState#DEFAULT} after a delete)
 * @param changedBy who made it, and from where
 * @param changedAt when
 */
public record FlagChange(
        String flagName, StoredState before, StoredState after, ChangedBy changedBy, Instant changedAt) {

    public FlagChange {
        Objects.requireNonNull(flagName, "flagName");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(changedBy, "changedBy");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    /** A flag's stored override: set to true, set to false, or none (the shipped default applies). */
    public enum StoredState {
        ENABLED,
        DISABLED,
        DEFAULT;

        public static StoredState of(boolean enabled) {
            return enabled ? ENABLED : DISABLED;
        }

        public static StoredState of(Optional<Boolean> override) {
            return override.map(StoredState::of).orElse(DEFAULT);
        }
    }
}
