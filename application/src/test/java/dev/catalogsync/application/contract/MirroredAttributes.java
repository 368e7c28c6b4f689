package dev.catalogsync.application.contract;

import java.util.Objects;

/**
 * The three project attributes a catalog resource keeps a copy of, as contract tests write them to
 * {@code projects} and read them back from {@code catalog_resources}. A test fixture: the product copies them in SQL.
 *
 * @param name the project's name
 * @param description the project's description; {@code null} where the project has none, as in the
 *     {@code description} column
 * @param visibility the project's visibility level
 */
public record MirroredAttributes(String name, String description, VisibilityLevel visibility) {

    public MirroredAttributes {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(visibility, "visibility");
    }
}
