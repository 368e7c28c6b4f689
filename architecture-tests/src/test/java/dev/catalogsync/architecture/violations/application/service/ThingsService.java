package dev.catalogsync.architecture.violations.application.service;

import dev.catalogsync.architecture.violations.application.port.in.CountThings;
import dev.catalogsync.architecture.violations.application.port.in.RenameThings;

/** Violation: one class serving two use cases. */
public class ThingsService implements RenameThings, CountThings {

    @Override
    public void rename(String thing) {}

    @Override
    public long count() {
        return 0;
    }
}
