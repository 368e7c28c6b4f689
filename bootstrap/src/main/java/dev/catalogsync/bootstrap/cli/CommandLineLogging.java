package dev.catalogsync.bootstrap.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The standalone jar's logging, set up in code before anything logs: everything logged goes to stderr (stdout
 * carries the commands' results), catalog-sync's own loggers at INFO, everything else at WARN.
 *
 * <p>In code rather than a {@code logback.xml}: reading an XML configuration loads an XML parser and logback's
 * configuration model, about 600 classes, a fifth of what a command like {@code status} loads in all. The jar
 * ships no {@code logback.xml}, so that an application embedding catalog-sync keeps its own logging. A
 * configuration named by {@code -Dlogback.configurationFile} is used instead of this one.
 */
final class CommandLineLogging {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    private CommandLineLogging() {}

    static void configure() {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("dev.catalogsync").setLevel(Level.INFO);
    }
}
