/** What the core needs from the world, each port named by one capability with its contract in Javadoc. */
package dev.catalogsync.application.port.out;
