package dev.catalogsync.application.service;

import dev.catalogsync.application.port.in.ReconcileMirror;
import dev.catalogsync.application.port.out.MirrorDrift;
import dev.catalogsync.application.port.out.MirrorDrift.DriftPage;

/** Walks the catalog resources page by page in id order until a page comes back short. */
public class ReconcileMirrorService implements ReconcileMirror {

    private final MirrorDrift drift;

    public ReconcileMirrorService(MirrorDrift drift) {
        this.drift = drift;
    }

    @Override
    public ReconcileReport reconcile(ReconcileRequest request, Listener listener) {
        int pageSize = request.pageSize().value();
        long checked = 0;
        long drifted = 0;
        long queued = 0;
        long afterId = Long.MIN_VALUE;
        DriftPage page;
        do {
            page = drift.checkPage(afterId, pageSize, request.repairs());
            checked += page.checked();
            drifted += page.drifted();
            queued += page.queued();
            afterId = page.lastId();
            listener.afterPage(new ReconcileReport(checked, drifted, queued));
        } while (page.checked() == pageSize);
        return new ReconcileReport(checked, drifted, queued);
    }
}
