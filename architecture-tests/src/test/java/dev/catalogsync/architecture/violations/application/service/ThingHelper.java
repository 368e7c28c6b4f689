package dev.catalogsync.architecture.violations.application.service;

/** Violation: a public class among the services that is no use case. */
public class ThingHelper {}
