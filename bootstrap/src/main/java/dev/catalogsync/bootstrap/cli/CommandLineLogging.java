package dev.catalogsync.bootstrap.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.catalogsync.adapters.postgres.Redaction;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The standalone jar's logging: everything logged goes to stderr (stdout carries the commands' results),
 * catalog-sync's own loggers at INFO, everything else at WARN, every password a database URL carries masked in
 * messages and stack traces, whoever logged them (a driver, the pool, the scheduler, ours).
 *
 * <p>Logback finds this class as a service ({@code META-INF/services}) and calls it before its own configurators:
 * in code rather than a {@code logback.xml}, because reading an XML configuration loads an XML parser and
 * logback's configuration model, about 460 classes, a fifth of what a command like {@code status} loads. It acts
 * only in the command line ({@link Main} sets {@link #COMMAND_LINE}), so that an application embedding
 * catalog-sync keeps its own logging, and a configuration named by {@code -Dlogback.configurationFile} wins.
 */
public final class CommandLineLogging extends ContextAwareBase implements Configurator {

    /** The system property {@link Main} sets to {@code true} before anything logs. */
    static final String COMMAND_LINE = "catalogsync.commandLine";

    /** For logback's service loader. */
    public CommandLineLogging() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!Boolean.getBoolean(COMMAND_LINE) || System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LineLayout layout = new LineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
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
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * {@code 12:34:56.789 INFO  d.c.b.CatalogSyncService - message}, then the stack trace if any: what the
     * pattern {@code %d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n%ex} with the redacting converters of
     * {@code logging} prints, written out by hand because logback's
     * pattern layout sets up some fifty converters on first use, a tenth of a second of a command's start.
     */
    static final class LineLayout extends LayoutBase<ILoggingEvent> {

        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(20);

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(128)
                    .append(TIME.format(LocalTime.ofInstant(event.getInstant(), ZoneId.systemDefault())))
                    .append(' ');
            String level = event.getLevel().toString();
            line.append(level)
                    .append(" ".repeat(Math.max(0, 5 - level.length())))
                    .append(' ');
            line.append(abbreviator.abbreviate(event.getLoggerName()))
                    .append(" - ")
                    .append(Redaction.text(event.getFormattedMessage()))
                    .append(CoreConstants.LINE_SEPARATOR);
            if (event.getThrowableProxy() != null) {
                line.append(Redaction.text(ThrowableProxyUtil.asString(event.getThrowableProxy())))
                        .append(CoreConstants.LINE_SEPARATOR);
            }
            return line.toString();
        }
    }
}
