package dev.catalogsync.bootstrap.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import dev.catalogsync.bootstrap.logging.RedactingJsonEncoder;
import org.slf4j.LoggerFactory;

/**
 * How {@code run} writes its log on stderr: {@link #JSON}, one object per line by logback's own
 * {@link JsonEncoder} with passwords masked (SLF4J key/values, such as the worker's {@code processed_events}, become fields of
 * {@code kvpList}), or {@link #TEXT} for a person, as {@link CommandLineLogging} configures it. Other commands keep text.
 */
enum LogFormat {
    JSON,
    TEXT;

    /** The console appender {@link CommandLineLogging} adds. */
    static final String APPENDER = "STDERR";

    /** Leaves only warnings and errors of ours on stderr: for commands whose own output is a live line. */
    static void warningsOnly() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("dev.catalogsync").setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** Switches the console appender to this format; text is what the configuration file already says. */
    void apply() {
        if (this == TEXT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Appender<ILoggingEvent> appender =
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER);
        if (!(appender instanceof ConsoleAppender<ILoggingEvent> console)) {
            return;
        }
        JsonEncoder encoder = new RedactingJsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.start();
        console.stop();
        console.setEncoder(encoder);
        console.start();
    }
}
