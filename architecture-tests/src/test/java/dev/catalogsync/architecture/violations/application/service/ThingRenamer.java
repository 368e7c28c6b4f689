package dev.catalogsync.architecture.violations.application.service;

import dev.catalogsync.architecture.violations.application.port.in.RenameThings;

/** Violation: the right port, but not named for it (the old {@code SyncWorker} had this shape). */
public class ThingRenamer implements RenameThings {

    @Override
    public void rename(String thing) {}
}
