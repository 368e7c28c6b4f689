package dev.catalogsync.domain;

/** Where a sync event is in its life. The codes are the {@code status} column's values. */
public enum SyncEventStatus {
    PENDING(1),
    PROCESSED(2);

    private final int code;

    SyncEventStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static SyncEventStatus fromCode(int code) {
        for (SyncEventStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown sync event status code " + code + " (expected 1 or 2)");
    }
}
