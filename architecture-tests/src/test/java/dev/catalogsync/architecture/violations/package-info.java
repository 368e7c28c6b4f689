/**
 * Classes that break the architecture rules on purpose, so that a test can show each rule failing. They live in
 * the test sources, which the production scans exclude; their packages mimic the real ones so that the rules'
 * package patterns select them.
 */
package dev.catalogsync.architecture.violations;
