package dev.catalogsync.bootstrap.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.catalogsync.adapters.postgres.Redaction;

/**
 * {@code %msg} with every password a database URL carries masked, whoever logged it (a driver, the pool, the
 * scheduler, ours).
 */
public class RedactingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Redaction.text(super.convert(event));
    }
}
