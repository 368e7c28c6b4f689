package dev.catalogsync.bootstrap.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SafeMessageTest {

    @Test
    void keeps_the_root_cause_first_line_without_the_sql_text() {
        RuntimeException failure = new IllegalStateException(
                "SQL [select id from p_catalog_resource_sync_events where status = 1]; ERROR: boom",
                new SQLException("ERROR: relation \"x\" does not exist\n  Position: 15"));

        assertThat(SafeMessage.of(failure)).isEqualTo("ERROR: relation \"x\" does not exist");
    }

    @Test
    void removes_the_sql_text_jooq_puts_in_its_own_message() {
        assertThat(SafeMessage.of(new IllegalStateException("SQL [update projects set name = ?]; connection refused")))
                .isEqualTo("connection refused");
    }

    @Test
    void blanks_passwords_in_urls_and_connection_strings() {
        assertThat(SafeMessage.of(new IllegalStateException(
                        "Could not connect to jdbc:postgresql://db/x?password=hunter2&ssl=1")))
                .doesNotContain("hunter2")
                .contains("password=***");
        assertThat(SafeMessage.of(new IllegalStateException("cannot reach postgresql://sync:hunter2@db:5432/x")))
                .doesNotContain("hunter2")
                .contains("//sync:***@db");
    }

    @Test
    void is_one_short_line() {
        assertThat(SafeMessage.of(new IllegalStateException("x".repeat(500) + "\nsecond line")))
                .hasSize(SafeMessage.MAX_LENGTH)
                .doesNotContain("\n");
    }
}
