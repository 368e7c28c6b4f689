package dev.catalogsync.domain;

import java.util.Collection;
import java.util.Optional;

/**
 * The project columns whose change must reach the catalog: the rule behind both the trigger's {@code WHEN}
 * clause and the after-update callback.
 */
public enum MirroredAttribute {
    NAME("name"),
    DESCRIPTION("description"),
    VISIBILITY_LEVEL("visibility_level");

    private final String column;

    MirroredAttribute(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    public static Optional<MirroredAttribute> fromColumn(String column) {
        for (MirroredAttribute attribute : values()) {
            if (attribute.column.equals(column)) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }

    /** Whether a project update that changed these columns has to be synced to its catalog resource. */
    public static boolean anyMirrored(Collection<String> changedColumns) {
        return changedColumns.stream().anyMatch(column -> fromColumn(column).isPresent());
    }
}
