package dev.catalogsync.application.port.out;

/**
 * Where requests for another run of the sync worker go (GitLab: Sidekiq's {@code perform_async}).
 *
 * <p>Contract: never blocks on the run itself; may drop the request when a run is already queued (runs are
 * idempotent, so one pending run serves any number of requests). A driver that runs the worker in a loop of
 * its own, as the CLI does, can use {@link #NONE}.
 */
public interface WorkerQueue {

    /** Drops every request: for drivers that decide on the next run from the reported result. */
    WorkerQueue NONE = () -> {};

    void enqueue();
}
