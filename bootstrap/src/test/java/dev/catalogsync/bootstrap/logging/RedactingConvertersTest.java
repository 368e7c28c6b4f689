package dev.catalogsync.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class RedactingConvertersTest {

    private final LoggerContext context = new LoggerContext();

    private LoggingEvent event(String message, Throwable failure, Object... arguments) {
        return new LoggingEvent(
                RedactingConvertersTest.class.getName(),
                context.getLogger("test"),
                Level.WARN,
                message,
                failure,
                arguments);
    }

    @Test
    void a_logged_message_shows_a_database_url_without_its_password() {
        String line = new RedactingMessageConverter()
                .convert(event("cannot reach {}", null, "jdbc:postgresql://db/gitlab?user=app&password=s3cret"));

        assertThat(line).isEqualTo("cannot reach jdbc:postgresql://db/gitlab?user=app&password=***");
    }

    @Test
    void a_logged_stack_trace_shows_a_database_url_without_its_password() {
        RedactingThrowableConverter converter = new RedactingThrowableConverter();
        converter.setContext(context);
        converter.start();

        String trace = converter.convert(event(
                "failed",
                new IllegalStateException("Failed to get driver for jdbcUrl=jdbc:postgresql://app:s3cret@db/x")));

        assertThat(trace).contains("jdbc:postgresql://app:***@db/x", "\tat ").doesNotContain("s3cret");
    }
}
