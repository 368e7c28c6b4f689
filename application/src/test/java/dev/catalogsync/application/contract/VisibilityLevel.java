package dev.catalogsync.application.contract;

/**
 * A project's visibility, stored as GitLab's integer levels. A test fixture: the product copies the integer as it
 * is and never interprets it.
 */
public enum VisibilityLevel {
    PRIVATE(0),
    INTERNAL(10),
    PUBLIC(20);

    private final int level;

    VisibilityLevel(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    public static VisibilityLevel fromLevel(int level) {
        for (VisibilityLevel visibility : values()) {
            if (visibility.level == level) {
                return visibility;
            }
        }
        throw new IllegalArgumentException("Unknown visibility level " + level + " (expected 0, 10 or 20)");
    }
}
