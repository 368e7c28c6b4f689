package dev.catalogsync.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One queued request to copy a project's mirrored attributes into one catalog resource. The trigger on
 * {@code projects} creates it; the worker marks it processed. It names the resource by id only: the resource
 * may have been deleted since (an orphaned event), and the event is still processed.
 */
public record SyncEvent(
        long id, long catalogResourceId, long projectId, long partitionId, SyncEventStatus status, Instant createdAt) {

    public SyncEvent {
        if (partitionId < 1) {
            throw new IllegalArgumentException("partitionId must be 1 or more, was " + partitionId);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isPending() {
        return status == SyncEventStatus.PENDING;
    }

    public SyncEvent processed() {
        return new SyncEvent(id, catalogResourceId, projectId, partitionId, SyncEventStatus.PROCESSED, createdAt);
    }
}
