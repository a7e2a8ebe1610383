package io.bigpicture.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_9999_END = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @ParameterizedTest
    @CsvSource({
            "2024-05-01T10:00:00Z, 2024-05-01T10:00:00Z",
            "2024-05-01T10:00:00.5Z, 2024-05-01T10:00:00.500Z",
            "2024-05-01 10:00:00.123456789Z, 2024-05-01T10:00:00.123456789Z",
            "2024-05-01T10:00:00+02:00, 2024-05-01T08:00:00Z",
            "2024-05-01T00:30:00-05:30, 2024-05-01T06:00:00Z",
            "2024-05-01T10:00:00, 2024-05-01T10:00:00Z",
            "2024-05-01T10:00Z, 2024-05-01T10:00:00Z",
            "2024-02-29T23:59:59+18:00, 2024-02-29T05:59:59Z"})
    void clientsDateTimesAreRead(String sent, Instant expected) {
        assertThat(Timestamps.parse(sent)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T10:60:00Z",
            "2024-05-01T10:00:00.1234567890Z", "2024-05-01T10:00:00+19:00", "2024-05-01T10:00:00 Z",
            "2024-05-01", "soon", ""})
    void otherTextIsNotADateTime(String sent) {
        assertThat(Timestamps.parse(sent)).isEmpty();
    }

    @Property
    void theFastPathReadsWhatTheFormatterReads(@ForAll("dateTimes") String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(Timestamps.parseAnyForm(text));
    }

    @Property
    void aDateTimeWithOneCharacterChangedIsReadAsTheFormatterReadsIt(@ForAll("dateTimes") String text,
                                                                    @ForAll @IntRange(max = 40) int position,
                                                                    @ForAll("nearbyCharacters") char replacement) {
        String changed = position < text.length()
                ? text.substring(0, position) + replacement + text.substring(position + 1)
                : text + replacement;

        assertThat(Timestamps.parse(changed)).isEqualTo(Timestamps.parseAnyForm(changed));
    }

    @Property
    void everyInstantWrittenInOurFormIsReadBack(@ForAll("instants") Instant instant) {
        assertThat(Timestamps.parseCommonForm(Timestamps.format(instant))).isEqualTo(instant);
    }

    @Property
    void ourFormIsTheFormattersWhateverTheInstant(@ForAll("instantsOfEveryPrecision") Instant instant) {
        assertThat(Timestamps.format(instant)).isEqualTo(java.time.format.DateTimeFormatter.ISO_INSTANT.format(instant));
    }

    /** Whole seconds, milliseconds, microseconds and nanoseconds, in and past the years 0 to 9999. */
    @Provide
    Arbitrary<Instant> instantsOfEveryPrecision() {
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(n -> n * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(n -> n * 1_000), Arbitraries.integers().between(0, 999_999_999));
        Arbitrary<Long> seconds = Arbitraries.oneOf(Arbitraries.longs().between(YEAR_0, YEAR_9999_END),
                Arbitraries.longs().between(YEAR_0 - 100L * 366 * 86_400, YEAR_9999_END + 100L * 366 * 86_400));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Combinators.combine(Arbitraries.longs().between(YEAR_0, YEAR_9999_END), Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<String> dateTimes() {
        Arbitrary<String> offsets = Arbitraries.oneOf(
                Arbitraries.just("Z"),
                Arbitraries.just(""),
                Combinators.combine(Arbitraries.of('+', '-'), Arbitraries.integers().between(0, 19), Arbitraries.integers().between(0, 60))
                        .as((sign, hours, minutes) -> String.format("%c%02d:%02d", sign, hours, minutes)));
        Arbitrary<String> fractions = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(10).map(digits -> digits.isEmpty() ? "" : "." + digits);
        return Combinators.combine(instants(), Arbitraries.of('T', ' '), fractions, offsets)
                .as((instant, separator, fraction, offset) -> DateTimeFormatter.ofPattern("uuuu-MM-dd'" + separator + "'HH:mm:ss")
                        .withZone(ZoneOffset.UTC).format(instant) + fraction + offset);
    }

    @Provide
    Arbitrary<Character> nearbyCharacters() {
        return Arbitraries.of('0', '1', '2', '3', '5', '9', '-', ':', '.', 'T', 't', ' ', 'Z', 'z', '+', 'x');
    }
}
