package dev.catalogsync.application.port.out;

import java.util.Collection;

/** The denormalized copies of project attributes kept in {@code catalog_resources}. */
public interface CatalogMirror {

    /**
     * Copies each named resource's project's current name, description and visibility level into the resource,
     * as one atomic, set-based write whatever the number of ids. Ids of resources that no longer exist are
     * ignored (their events are orphaned, not failed). Idempotent: a resource already equal to its project is
     * left as it is. Failures surface as unchecked exceptions, with nothing written.
     *
     * @return how many resources changed
     */
    int syncFromProjects(Collection<Long> catalogResourceIds);
}
