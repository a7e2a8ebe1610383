package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bigpicture.warehouse.dialect.ExistingColumn;
import io.bigpicture.warehouse.dialect.redshift.RedshiftDialect;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeCoercionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"99\"|BIGINT|99",
            "99|BIGINT|99",
            "99.0|BIGINT|99",
            "99|VARCHAR|99",
            "true|VARCHAR|true",
            "\"true\"|BOOLEAN|true",
            "\"FALSE\"|BOOLEAN|false",
            "9|DOUBLE_PRECISION|9.0",
            "\"9.25\"|DOUBLE_PRECISION|9.25",
            "\"2024-05-01T10:00:00+02:00\"|TIMESTAMP|2024-05-01 08:00:00.000000"})
    void valuesAreConvertedWhenNothingIsLost(String json, ColumnType column, String loaded) throws Exception {
        assertThat(TypeCoercion.coerce(JSON.readTree(json), column)).isEqualTo(new Coerced.Value(loaded));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"abc\"|BIGINT|not a whole number for a bigint column",
            "9.5|BIGINT|not a whole number for a bigint column",
            "\"99999999999999999999\"|BIGINT|not a whole number for a bigint column",
            "\"yes\"|BOOLEAN|not true or false for a boolean column",
            "1|BOOLEAN|not true or false for a boolean column",
            "\"soon\"|TIMESTAMP|not an ISO-8601 date-time for a timestamp column",
            "\"x\"|DOUBLE_PRECISION|not a number for a double precision column",
            "123456789012345678901234567890|BIGINT|a whole number out of range for a bigint column",
            "1e400|DOUBLE_PRECISION|not a finite number for a double precision column",
            "5e-324|DOUBLE_PRECISION|a number too close to zero for a double precision column",
            "\"0000-12-31T23:59:59Z\"|TIMESTAMP|a date-time outside the years 1 to 9999 for a timestamp column",
            "\"9999-12-31T23:00:00-01:00\"|TIMESTAMP|a date-time outside the years 1 to 9999 for a timestamp column"})
    void valuesThatCannotBeConvertedAreDiscardedWithAReason(String json, ColumnType column, String reason) throws Exception {
        assertThat(TypeCoercion.coerce(JSON.readTree(json), column)).isEqualTo(new Coerced.Discarded(reason));
    }

    @Property
    void timestampsAreWrittenInUtcWithMicroseconds(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long epochSecond,
                                                   @ForAll @IntRange(max = 999_999_999) int nanos) {
        Instant instant = Instant.ofEpochSecond(epochSecond, nanos);

        assertThat(TypeCoercion.formatTimestamp(instant))
                .isEqualTo(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC).format(instant));
    }

    @Property
    void finiteNumbersAreWrittenAsTextThatReadsBackAsTheSameNumber(@ForAll double number) {
        Coerced coerced = TypeCoercion.coerce(DoubleNode.valueOf(number), ColumnType.DOUBLE_PRECISION);

        if (Double.isFinite(number) && (number == 0 || Math.abs(number) >= Double.MIN_NORMAL)) {
            assertThat(Double.parseDouble(((Coerced.Value) coerced).text())).isEqualTo(number);
        } else {
            assertThat(coerced).isInstanceOf(Coerced.Discarded.class);
        }
    }

    @Test
    void textIsCutOnACharacterBoundaryToTheMostAnyColumnHoldsAndThenToItsColumn() {
        String text = "é".repeat(40_000); // 80 000 bytes

        Coerced.Value value = (Coerced.Value) TypeCoercion.coerce(TextNode.valueOf(text), ColumnType.VARCHAR);
        ColumnBound ours = new RedshiftDialect().columnBound(new ExistingColumn("character varying", 512, null, null)).orElseThrow();

        assertThat(value.text()).isEqualTo("é".repeat(32_767));
        assertThat(ours.fit(value.text())).isEqualTo(new Coerced.Value("é".repeat(256)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1,\"a\",{\"b\":null}]|[1,\"a\",{\"b\":null}]",
            "\"text\"|\"text\"",
            "12.5|12.5",
            "true|true",
            "{\"sku\":\"a,b\"}|{\"sku\":\"a,b\"}"})
    void aJsonColumnTakesTheValueAsJson(String json, String loaded) throws Exception {
        assertThat(TypeCoercion.coerce(JSON.readTree(json), ColumnType.JSON)).isEqualTo(new Coerced.Value(loaded));
    }

    @Test
    void jsonLosesItsNulsWhichJsonbRefusesAndKeepsAnEscapedBackslash() throws Exception {
        assertThat(TypeCoercion.coerce(JSON.readTree("{\"k\\u0000\":[\"a\\u0000b\"]}"), ColumnType.JSON))
                .isEqualTo(new Coerced.Altered("{\"k\":[\"ab\"]}", Utf8.NUL_REMOVED));
        assertThat(TypeCoercion.coerce(JSON.readTree("[\"\\\\u0000\"]"), ColumnType.JSON)).as("a backslash, then u0000")
                .isEqualTo(new Coerced.Value("[\"\\\\u0000\"]"));
        assertThat(TypeCoercion.coerce(JSON.readTree("[\"x\\ud800\"]"), ColumnType.JSON))
                .isEqualTo(new Coerced.Altered("[\"x\uFFFD\"]", Utf8.LONE_SURROGATE_REPLACED));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1e308|DOUBLE_PRECISION|1.0E308",
            "-0.0|DOUBLE_PRECISION|-0.0",
            "123456789012345678901234567890|DOUBLE_PRECISION|1.2345678901234568E29",
            "\"0001-01-01T00:00:00Z\"|TIMESTAMP|0001-01-01 00:00:00.000000",
            "\"9999-12-31T23:59:59.999999Z\"|TIMESTAMP|9999-12-31 23:59:59.999999"})
    void valuesAtTheEdgesOfWhatTheWarehousesStoreLoad(String json, ColumnType column, String loaded) throws Exception {
        assertThat(TypeCoercion.coerce(JSON.readTree(json), column)).isEqualTo(new Coerced.Value(loaded));
    }

    @Test
    void textLosesItsNulsAndLoneSurrogatesAndSaysSo() throws Exception {
        assertThat(TypeCoercion.coerce(JSON.readTree("\"a\\u0000b\""), ColumnType.VARCHAR))
                .isEqualTo(new Coerced.Altered("ab", Utf8.NUL_REMOVED));
        assertThat(TypeCoercion.coerce(JSON.readTree("\"x\\ud800y\""), ColumnType.VARCHAR))
                .isEqualTo(new Coerced.Altered("x\uFFFDy", Utf8.LONE_SURROGATE_REPLACED));
        assertThat(TypeCoercion.coerce(JSON.readTree("[\"\\u0000\"]"), ColumnType.VARCHAR))
                .isEqualTo(new Coerced.Value("[\"\\u0000\"]"));
        assertThat(TypeCoercion.coerce(JSON.readTree("\"\\ud83d\\ude00\""), ColumnType.VARCHAR)).isEqualTo(new Coerced.Value("\ud83d\ude00"));
    }

    @Test
    void aDateNoWarehouseStoresMakesATextColumn() throws Exception {
        assertThat(TypeInference.typeOf(JSON.readTree("\"0000-06-01T00:00:00Z\""))).contains(ColumnType.VARCHAR);
        assertThat(TypeInference.typeOf(JSON.readTree("\"0001-06-01T00:00:00Z\""))).contains(ColumnType.TIMESTAMP);
    }
}
