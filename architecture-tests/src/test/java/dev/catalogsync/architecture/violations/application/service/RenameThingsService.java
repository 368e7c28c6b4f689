package dev.catalogsync.architecture.violations.application.service;

import dev.catalogsync.architecture.violations.application.port.in.RenameThings;

/** Well formed: one port, named for it. Its nested class is not a service and is not checked. */
public class RenameThingsService implements RenameThings {

    @Override
    public void rename(String thing) {}

    /** Not top-level: the rule leaves it alone. */
    public static class Renaming {}
}
