/**
 * The use cases, one class each, named for the one inbound port it implements ({@code <Port>Service}) and built
 * from ports passed to its constructor.
 */
package dev.catalogsync.application.service;
