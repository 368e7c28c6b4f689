/** The use cases, one class each, built from ports passed to their constructors. */
package dev.catalogsync.application.service;
