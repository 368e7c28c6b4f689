package dev.catalogsync.architecture.violations.application.service;

/** Package-private: a service's helper, not a use case; the rule leaves it alone. */
class ThingFormatter {}
