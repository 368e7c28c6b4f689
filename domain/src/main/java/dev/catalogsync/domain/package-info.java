/**
 * The rules of the catalog mirror: what a sync event is, which project changes matter, what a catalog
 * resource copies from its project, and what a processed batch reports. Plain Java, no frameworks.
 */
package dev.catalogsync.domain;
