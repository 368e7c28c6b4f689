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
    void urls_that_are_not_urls_or_name_no_port_are_refused_before_any_connection() {
        String[][] cases = {
            {"not a url", "Not a PostgreSQL JDBC URL"},
            {"jdbc:postgresql://[bad/gitlab", "Malformed"},
            {"jdbc:postgresql://db/git lab", "Malformed"},
            {"jdbc:postgresql://db:notaport/gitlab", "'db:notaport' is not a host and port"},
            {"jdbc:postgresql://db:99999/gitlab", "the port '99999' is not between 1 and 65535"},
            {"jdbc:postgresql://db:0/gitlab", "the port '0'"},
            {"jdbc:postgresql://db:/gitlab", "the port ''"},
            {"jdbc:postgresql://db/gitlab?sslmode=require&%zz=1", "Malformed"},
        };
        for (String[] bad : cases) {
            assertThatThrownBy(() -> new PostgresConnectionSettings(bad[0], "app", ""))
                    .as(bad[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad[1])
                    .hasMessageContaining("jdbc:postgresql://db:5432/gitlab");
        }
    }

    @Test
    void urls_pgjdbc_takes_are_taken() {
        for (String good : new String[] {
            "jdbc:postgresql:gitlab",
            "jdbc:postgresql:///gitlab",
            "jdbc:postgresql://db/gitlab",
            "jdbc:postgresql://db:5432/gitlab?sslmode=verify-full&ApplicationName=sync",
            "jdbc:postgresql://primary:5432,replica:5433/gitlab?targetServerType=primary",
            "jdbc:postgresql://[::1]:5432/gitlab",
            "jdbc:postgresql://10.0.0.5/gitlab",
        }) {
            assertThat(new PostgresConnectionSettings(good, "app", "").jdbcUrl())
                    .isEqualTo(good);
        }
    }

    @Test
    void a_password_in_the_url_is_hidden_wherever_the_url_is_shown() {
        String url = "jdbc:postgresql://db/gitlab?user=app&password=s3cret&sslpassword=k3y";

        PostgresConnectionSettings settings = new PostgresConnectionSettings(url, "app", "");

        assertThat(settings.redactedUrl())
                .isEqualTo("jdbc:postgresql://db/gitlab?user=app&password=***&sslpassword=***");
        assertThat(settings.toString()).doesNotContain("s3cret", "k3y");
        assertThatThrownBy(() -> new PostgresConnectionSettings("jdbc:mysql://db/x?password=s3cret", "app", ""))
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(
                        () -> new PostgresConnectionSettings("jdbc:postgresql://db:99999/x?password=s3cret", "a", ""))
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void a_password_in_the_url_stays_out_of_the_string_form_and_of_the_refusal() {
        PostgresConnectionSettings settings =
                new PostgresConnectionSettings("jdbc:postgresql://db/catalog?password=two", "app", "three");

        assertThat(settings.toString()).doesNotContain("two", "three");
        assertThat(settings.redactedUrl()).isEqualTo("jdbc:postgresql://db/catalog?password=***");
        assertThat(settings.secrets()).containsExactlyInAnyOrder("two", "three");
        assertThatThrownBy(() -> new PostgresConnectionSettings("jdbc:postgresql://app:one@db/catalog", "app", ""))
                .as("user info is no form pgjdbc takes: refused, and the password in it never quoted")
                .hasMessageContaining("user:password@host")
                .hasMessageNotContaining("one");
        assertThatThrownBy(() -> new PostgresConnectionSettings("jdbc:mysql://db/x?password=four", "app", ""))
                .hasMessageNotContaining("four");
    }
}
