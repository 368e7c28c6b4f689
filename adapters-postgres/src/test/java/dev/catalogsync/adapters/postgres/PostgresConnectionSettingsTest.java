package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresConnectionSettingsTest {

    @Test
    void a_url_for_another_database_is_refused_with_the_url_in_the_message() {
        assertThatThrownBy(() -> new PostgresConnectionSettings("jdbc:mysql://localhost/catalog", "app", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://localhost/catalog")
                .hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void a_missing_password_is_an_empty_string_not_null() {
        assertThat(new PostgresConnectionSettings("jdbc:postgresql://localhost/catalog", "app", "").password())
                .isEmpty();
        assertThatThrownBy(() -> new PostgresConnectionSettings("jdbc:postgresql://localhost/catalog", "app", null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void the_password_stays_out_of_the_string_form() {
        String shown = new PostgresConnectionSettings("jdbc:postgresql://db/catalog", "app", "s3cret").toString();

        assertThat(shown)
                .contains("jdbc:postgresql://db/catalog")
                .contains("app")
                .doesNotContain("s3cret");
    }

    @Test
    void a_password_in_the_url_stays_out_of_the_string_form_and_of_the_refusal() {
        PostgresConnectionSettings settings =
                new PostgresConnectionSettings("jdbc:postgresql://app:one@db/catalog?password=two", "app", "three");

        assertThat(settings.toString()).doesNotContain("one", "two", "three");
        assertThat(settings.redactedUrl()).isEqualTo("jdbc:postgresql://app:***@db/catalog?password=***");
        assertThat(settings.secrets()).containsExactlyInAnyOrder("one", "two", "three");
        assertThatThrownBy(() -> new PostgresConnectionSettings("jdbc:mysql://db/x?password=four", "app", ""))
                .hasMessageNotContaining("four");
    }
}
