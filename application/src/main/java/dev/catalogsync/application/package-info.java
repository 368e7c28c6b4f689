/**
 * The use cases of catalog-sync and the ports they need. Inbound ports ({@code port.in}) are what drivers
 * (the CLI, the scheduler, a host application) call; outbound ports ({@code port.out}) are what the core needs
 * from the world (the queue, the mirror, the lease, the flags). Depends on {@code domain} and the JDK only.
 */
package dev.catalogsync.application;
