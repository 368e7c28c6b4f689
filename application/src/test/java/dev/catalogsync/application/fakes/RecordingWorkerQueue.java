package dev.catalogsync.application.fakes;

import dev.catalogsync.application.port.out.WorkerQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts requests for another run instead of running anything. */
public class RecordingWorkerQueue implements WorkerQueue {

    private final AtomicInteger enqueued = new AtomicInteger();

    @Override
    public void enqueue() {
        enqueued.incrementAndGet();
    }

    public int enqueued() {
        return enqueued.get();
    }
}
