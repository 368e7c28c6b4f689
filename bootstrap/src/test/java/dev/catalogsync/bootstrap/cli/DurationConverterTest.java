package dev.catalogsync.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void reads_a_whole_number_with_a_unit() {
        assertThat(converter.convert("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(converter.convert("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(converter.convert("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(converter.convert("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(converter.convert("1D")).isEqualTo(Duration.ofDays(1));
        assertThat(converter.convert("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void reads_iso_8601() {
        assertThat(converter.convert("PT24H")).isEqualTo(Duration.ofDays(1));
        assertThat(converter.convert("P7D")).isEqualTo(Duration.ofDays(7));
        assertThat(converter.convert("pt1h30m")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void refuses_anything_else_and_says_what_is_accepted() {
        assertThatThrownBy(() -> converter.convert("a day"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'a day' is not a duration")
                .hasMessageContaining("1d")
                .hasMessageContaining("PT24H");
        assertThatThrownBy(() -> converter.convert("1w")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void refuses_durations_longer_than_a_hundred_years_however_they_are_written() {
        assertThat(converter.convert("36500d")).isEqualTo(DurationConverter.MAXIMUM);
        for (String tooLong : new String[] {
            "36501d", "999999999d", "99999999999999999999999s", "P99999999999D", "PT9999999999999999999999H"
        }) {
            assertThatThrownBy(() -> converter.convert(tooLong))
                    .as(tooLong)
                    .isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("'" + tooLong + "' is longer than the longest duration taken, 36500d");
        }
    }
}
