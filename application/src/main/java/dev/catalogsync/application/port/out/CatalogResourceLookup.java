package dev.catalogsync.application.port.out;

/**
 * Answers whether a project is listed in the CI/CD catalog: the condition of GitLab's after-update callback
 * ({@code if catalog_resource}).
 *
 * <p>Contract: one bounded read that takes no lock and commits on return; a project that does not exist is
 * not a catalog resource (an answer, not an exception). Failures to reach the store surface as unchecked
 * exceptions.
 */
public interface CatalogResourceLookup {

    boolean isCatalogResource(long projectId);
}
