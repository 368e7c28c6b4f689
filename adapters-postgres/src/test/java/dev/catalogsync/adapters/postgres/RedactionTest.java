package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://db:5432/gitlab                                  | jdbc:postgresql://db:5432/gitlab
            jdbc:postgresql://db/gitlab?password=s3cret                       | jdbc:postgresql://db/gitlab?password=***
            jdbc:postgresql://db/gitlab?user=app&password=s3cret              | jdbc:postgresql://db/gitlab?user=app&password=***
            jdbc:postgresql://db/gitlab?password=s3cret&ssl=true              | jdbc:postgresql://db/gitlab?password=***&ssl=true
            jdbc:postgresql://db/gitlab?PASSWORD=s3cret                       | jdbc:postgresql://db/gitlab?PASSWORD=***
            jdbc:postgresql://db/gitlab?sslmode=verify-full&sslpassword=k3y   | jdbc:postgresql://db/gitlab?sslmode=verify-full&sslpassword=***
            jdbc:postgresql://db/gitlab?password=                             | jdbc:postgresql://db/gitlab?password=
            jdbc:postgresql://app:s3cret@db:5432/gitlab                       | jdbc:postgresql://app:***@db:5432/gitlab
            jdbc:postgresql://app:s3@cr3t@db/gitlab                           | jdbc:postgresql://app:***@db/gitlab
            jdbc:postgresql://app@db/gitlab                                   | jdbc:postgresql://app@db/gitlab
            cannot connect to jdbc:postgresql://db/x?password=s3cret: refused | cannot connect to jdbc:postgresql://db/x?password=*** refused
            'jdbcUrl=jdbc:postgresql://a:s3cret@db/x, user=app'               | 'jdbcUrl=jdbc:postgresql://a:***@db/x, user=app'
            FATAL: password authentication failed for user "app"              | FATAL: password authentication failed for user "app"
            jdbc:postgresql://a:***@db/x?password=***: refused                | jdbc:postgresql://a:***@db/x?password=***: refused
            """)
    void masks_every_password_a_url_carries_and_keeps_the_rest(String original, String redacted) {
        assertThat(Redaction.text(original)).isEqualTo(redacted);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://db/gitlab                                       | ''
            jdbc:postgresql://db/gitlab?user=app&password=s3cret              | s3cret
            jdbc:postgresql://app:s3cret@db/gitlab                            | s3cret
            jdbc:postgresql://app:one@db/gitlab?sslpassword=two               | two,one
            jdbc:postgresql://db/gitlab?password=                             | ''
            """)
    void finds_the_passwords_a_url_carries(String url, String secrets) {
        List<String> expected = secrets.isEmpty() ? List.of() : List.of(secrets.split(","));

        assertThat(Redaction.secretsIn(url)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            UnknownHostException: app:s3cret@db                 | s3cret      | UnknownHostException: app:***@db
            the password is hunter2, hunter2!                   | hunter2     | the password is ***, ***!
            nothing to hide here                                | hunter2     | nothing to hide here
            jdbc:postgresql://db/x?password=s3cret and s3cret   | s3cret      | jdbc:postgresql://db/x?password=*** and ***
            """)
    void replaces_known_secrets_wherever_they_appear(String text, String secret, String redacted) {
        assertThat(Redaction.text(text, List.of(secret, ""))).isEqualTo(redacted);
    }
}
