package dev.catalogsync.architecture.violations.application.port.in;

/** Another use case of the fixtures. */
public interface CountThings {

    long count();
}
