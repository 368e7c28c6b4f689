/**
 * The outbound port {@code WorkerQueue} with the semantics GitLab gives the worker in Sidekiq
 * ({@link dev.catalogsync.adapters.scheduler.outbound.queue.UntilExecutedWorkerQueue}), kept in PostgreSQL by
 * db-scheduler: the cluster's one job slot ({@link dev.catalogsync.adapters.scheduler.outbound.queue.DbSchedulerJobSlot}),
 * the reschedule-once marker ({@link dev.catalogsync.adapters.scheduler.outbound.queue.JdbcRescheduleRequests}) and
 * the scheduler that runs the queued worker job ({@link
 * dev.catalogsync.adapters.scheduler.outbound.queue.SyncWorkerScheduler}).
 */
package dev.catalogsync.adapters.scheduler.outbound.queue;
