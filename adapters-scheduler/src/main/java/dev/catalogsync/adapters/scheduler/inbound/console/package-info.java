/**
 * The operator's console: a page served from the jar ({@link dev.catalogsync.adapters.scheduler.inbound.console.ConsoleAssets}:
 * {@code GET /}, its script and style sheet, nothing fetched from elsewhere) that reads {@code GET /status} every few
 * seconds, and the actions it offers, each a state-changing {@code POST} with a JSON body under the server's policy
 * and recorded with who asked (origin {@value dev.catalogsync.adapters.scheduler.inbound.console.ActionRequest#ORIGIN}):
 * the flag ({@link dev.catalogsync.adapters.scheduler.inbound.console.FlagAction}), a partition round
 * ({@link dev.catalogsync.adapters.scheduler.inbound.console.PartitionRoundAction}), a reconcile
 * ({@link dev.catalogsync.adapters.scheduler.inbound.console.ReconcileAction}) and a run of the worker
 * ({@link dev.catalogsync.adapters.scheduler.inbound.console.EnqueueWorkerAction}).
 */
package dev.catalogsync.adapters.scheduler.inbound.console;
