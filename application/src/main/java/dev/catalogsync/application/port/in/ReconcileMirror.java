package dev.catalogsync.application.port.in;

import java.util.Objects;

/**
 * Checks that every catalog resource equals its project in name, description and visibility level, however it
 * came to differ: a hand-written update of {@code catalog_resources}, a project update made while the trigger
 * was disabled, events queued while the flag was off. In {@link ReconcileRequest.Mode#REPAIR} mode, queues a
 * sync event for each drifted resource, so that the worker fixes it under the lease and the flag like any other
 * change; it never writes {@code catalog_resources} itself.
 *
 * <p>Contract: works through the resources in pages of {@link ReconcileRequest#pageSize()} by id, each page one
 * short atomic statement that checks (and in repair mode queues) together, so it is safe on millions of rows
 * beside the normal traffic. The run as a whole is not atomic: the figures are a scan, not a snapshot, and a
 * resource changed while the scan runs may be counted either way. Idempotent in check mode; in repair mode a
 * second run queues another event per resource still drifted (harmless: the worker syncs each resource once per
 * batch). Failures surface as unchecked exceptions; the pages already done keep their queued events.
 */
public interface ReconcileMirror {

    /** As {@link #reconcile(ReconcileRequest, Listener)}, told nothing on the way. */
    default ReconcileReport reconcile(ReconcileRequest request) {
        return reconcile(request, Listener.NONE);
    }

    /**
     * Reconciles, telling {@code listener} after each page the figures so far; the last call's figures are the
     * report's.
     */
    ReconcileReport reconcile(ReconcileRequest request, Listener listener);

    /** Told after each page, for progress output. */
    @FunctionalInterface
    interface Listener {

        Listener NONE = soFar -> {};

        /** @param soFar the figures of every page done so far, this one included */
        void afterPage(ReconcileReport soFar);
    }

    /**
     * What to reconcile and how.
     *
     * @param mode whether to only count the drift, or also queue its repair
     * @param pageSize how many catalog resources one statement compares at most
     */
    record ReconcileRequest(Mode mode, BatchSize pageSize) {

        public ReconcileRequest {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(pageSize, "pageSize");
        }

        /** Counts the drift and changes nothing. */
        public static ReconcileRequest check(BatchSize pageSize) {
            return new ReconcileRequest(Mode.CHECK, pageSize);
        }

        /** Counts the drift and queues a sync event per drifted resource. */
        public static ReconcileRequest repair(BatchSize pageSize) {
            return new ReconcileRequest(Mode.REPAIR, pageSize);
        }

        public boolean repairs() {
            return mode == Mode.REPAIR;
        }

        /** Whether a reconcile only looks, or also queues the repair of what it finds. */
        public enum Mode {
            CHECK,
            REPAIR
        }
    }

    /**
     * @param checked catalog resources compared
     * @param drifted how many differ from their project (including ones whose sync event is merely pending)
     * @param queued sync events queued to repair them; 0 in check mode
     */
    record ReconcileReport(long checked, long drifted, long queued) {}
}
