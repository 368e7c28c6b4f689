package dev.catalogsync.application.port.out;

/**
 * Compares the copies in {@code catalog_resources} with {@code projects}, a page of catalog resources at a
 * time, and queues sync events for the ones that differ.
 *
 * <p>Contract for every implementation: a page is one atomic, bounded statement (reading at most
 * {@code limit} resources and their projects) that commits on return and holds no lock afterwards. A resource
 * has drifted when its name, description or visibility level differs from its project's, nulls compared as
 * equal. Failures are unchecked exceptions; nothing is queued when one is thrown.
 */
public interface MirrorDrift {

    /**
     * Compares the first {@code limit} catalog resources with an id above {@code afterId}, lowest id first, with
     * their projects. With {@code queueRepairs}, queues one pending sync event (the column default decides its
     * partition) for each drifted one in the same statement, so that the worker repairs it under the lease and
     * the flag like any other change.
     *
     * @param limit 1 or more
     */
    DriftPage checkPage(long afterId, int limit, boolean queueRepairs);

    /**
     * What one page found.
     *
     * @param checked how many resources were compared; fewer than the limit means the end was reached
     * @param drifted how many of them differ from their project
     * @param queued how many sync events were queued (0 without repairs)
     * @param lastId the highest id compared, or the {@code afterId} given when none was: where the next page starts
     */
    record DriftPage(int checked, int drifted, int queued, long lastId) {

        public DriftPage {
            if (checked < 0 || drifted < 0 || queued < 0) {
                throw new IllegalArgumentException("counts cannot be negative");
            }
            if (drifted > checked || queued > drifted) {
                throw new IllegalArgumentException(
                        "checked " + checked + " >= drifted " + drifted + " >= queued " + queued + " does not hold");
            }
        }
    }
}
