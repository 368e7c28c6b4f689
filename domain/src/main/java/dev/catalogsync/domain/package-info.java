/**
 * The rules of the catalog mirror: what a sync event is, which project changes matter, what a processed batch
 * reports, and the queue's sliding-list partitioning. Plain Java, no
 * frameworks.
 */
package dev.catalogsync.domain;
