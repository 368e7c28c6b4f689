package dev.catalogsync.application.port.out;

import java.util.Objects;

/** How one change to the queue's partitions ended. Every ending is a normal outcome; failures are exceptions. */
public sealed interface PartitionChange {

    /** The change was made and committed. */
    record Done() implements PartitionChange {}

    /**
     * A lock the change needs was not granted within the store's lock timeout, typically because a long
     * transaction holds it; nothing was changed. Trying again later is safe.
     *
     * @param detail what was waited for, for the report
     */
    record LockNotGranted(String detail) implements PartitionChange {
        public LockNotGranted {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The change was not made because the store, checking inside the change's own transaction, found it unsafe
     * or meaningless now (pending events in a partition to detach, a default naming it, a partition that is not
     * where the caller thought), or not allowed to the store's credentials. Nothing was changed.
     *
     * @param reason why, for the report
     */
    record Refused(String reason) implements PartitionChange {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
