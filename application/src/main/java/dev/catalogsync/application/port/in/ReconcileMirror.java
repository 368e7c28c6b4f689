package dev.catalogsync.application.port.in;

/**
 * Checks that every catalog resource equals its project in name, description and visibility level, however it
 * came to differ: a hand-written update of {@code catalog_resources}, a project update made while the trigger
 * was disabled, events queued while the flag was off. With repair, queues a sync event for each drifted
 * resource, so that the worker fixes it under the lease and the flag like any other change.
 *
 * <p>Works through the resources in pages of {@code batchSize} by id, one short statement each, so it is safe on
 * millions of rows beside the normal traffic. The figures are a scan, not a snapshot: a resource changed while
 * the scan runs may be counted either way.
 */
public interface ReconcileMirror {

    ReconcileReport reconcile(boolean repair, BatchSize batchSize);

    /**
     * @param checked catalog resources compared
     * @param drifted how many differ from their project (including ones whose sync event is merely pending)
     * @param queued sync events queued to repair them; 0 without repair
     */
    record ReconcileReport(long checked, long drifted, long queued) {
    }
}
