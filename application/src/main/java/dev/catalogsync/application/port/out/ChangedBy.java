package dev.catalogsync.application.port.out;

import java.util.Objects;

/**
 * Who changes a flag and from where, for the audit.
 *
 * @param actor a person or system, e.g. the operator's login; not blank
 * @param origin where the change came from: {@value #COMMAND_LINE} for the CLI, {@value #EMBEDDING} (or a host's own
 *     label) for a call in-process; lower_snake_case
 */
public record ChangedBy(String actor, String origin) {

    /** The origin of changes made with {@code catalog-sync feature set}. */
    public static final String COMMAND_LINE = "cli";

    /** The origin of changes made by a host calling the port in-process without saying more. */
    public static final String EMBEDDING = "embedding";

    /** A host that names no actor. */
    public static final ChangedBy UNNAMED_HOST = new ChangedBy("unknown", EMBEDDING);

    public ChangedBy {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(origin, "origin");
        if (actor.isBlank()) {
            throw new IllegalArgumentException("the actor of a flag change must be named");
        }
        if (!origin.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("an origin is lower_snake_case, was '" + origin + "'");
        }
    }
}
