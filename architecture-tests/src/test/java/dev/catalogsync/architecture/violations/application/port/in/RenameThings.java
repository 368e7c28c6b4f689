package dev.catalogsync.architecture.violations.application.port.in;

/** A use case of the fixtures. */
public interface RenameThings {

    void rename(String thing);
}
