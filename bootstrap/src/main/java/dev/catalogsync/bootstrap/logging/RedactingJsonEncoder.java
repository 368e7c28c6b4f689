package dev.catalogsync.bootstrap.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.catalogsync.adapters.postgres.Redaction;
import java.nio.charset.StandardCharsets;

/** Logback's own JSON lines, with every password a database URL in the message or stack trace carries masked. */
public class RedactingJsonEncoder extends JsonEncoder {

    @Override
    public byte[] encode(ILoggingEvent event) {
        String line = new String(super.encode(event), StandardCharsets.UTF_8);
        return Redaction.text(line).getBytes(StandardCharsets.UTF_8);
    }
}
