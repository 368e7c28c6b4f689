package dev.catalogsync.bootstrap.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.catalogsync.adapters.postgres.Redaction;

/** {@code %ex}: a logged exception's stack trace, with every password a database URL in it carries masked. */
public class RedactingThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return Redaction.text(super.throwableProxyToString(proxy));
    }
}
