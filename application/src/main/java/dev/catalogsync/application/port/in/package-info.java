/** The use cases drivers call: the CLI, the scheduler, an embedding application. */
package dev.catalogsync.application.port.in;
