package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.warehouse.dialect.ExistingColumn;
import io.bigpicture.warehouse.dialect.postgres.PostgresDialect;
import io.bigpicture.warehouse.dialect.redshift.RedshiftDialect;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ColumnBoundTest {

    @Test
    void postgresCountsAVarcharsLengthInCharactersRedshiftInBytes() {
        assertThat(new PostgresDialect().columnBound(new ExistingColumn("character varying", 3, null, null))).contains(new ColumnBound.Text(3, false));
        assertThat(new RedshiftDialect().columnBound(new ExistingColumn("character varying", 256, null, null))).contains(new ColumnBound.Text(256, true));
        assertThat(new PostgresDialect().columnBound(new ExistingColumn("character varying", 512, null, null))).as("ours too")
                .contains(new ColumnBound.Text(512, false));
        assertThat(new RedshiftDialect().columnBound(new ExistingColumn("character varying", 65535, null, null)))
                .as("as wide as any text loads").isEmpty();
        assertThat(new PostgresDialect().columnBound(new ExistingColumn("text", null, null, null))).isEmpty();
        assertThat(new PostgresDialect().columnBound(new ExistingColumn("bigint", null, null, null))).isEmpty();
    }

    @Test
    void aWholeNumberPastAnIntegerColumnIsDiscardedAndOneWithinLoads() {
        ColumnBound integer = new PostgresDialect().columnBound(new ExistingColumn("integer", null, null, null)).orElseThrow();

        assertThat(integer.fit("2147483647")).isEqualTo(new Coerced.Value("2147483647"));
        assertThat(integer.fit("3000000000")).isEqualTo(new Coerced.Discarded("a whole number out of range for an integer column"));
        assertThat(new RedshiftDialect().columnBound(new ExistingColumn("smallint", null, null, null)).orElseThrow().fit("-32769"))
                .isEqualTo(new Coerced.Discarded("a whole number out of range for a smallint column"));
    }

    @Test
    void aNumberIsRoundedToANumericColumnsScaleAndDiscardedPastItsPrecision() {
        ColumnBound money = new PostgresDialect().columnBound(new ExistingColumn("numeric", null, 10, 2)).orElseThrow();

        assertThat(money.fit("19.999")).isEqualTo(new Coerced.Value("20.00"));
        assertThat(money.fit("1.0E7")).isEqualTo(new Coerced.Value("10000000.00"));
        assertThat(money.fit("-99999999.994")).isEqualTo(new Coerced.Value("-99999999.99"));
        assertThat(money.fit("123456789.5")).isEqualTo(new Coerced.Discarded("a number out of range for a numeric(10,2) column"));
        assertThat(new RedshiftDialect().columnBound(new ExistingColumn("numeric", null, null, null))).as("any number").isEmpty();
    }

    @Test
    void aDateColumnTakesTheDayOfADateTime() {
        ColumnBound day = new RedshiftDialect().columnBound(new ExistingColumn("date", null, null, null)).orElseThrow();

        assertThat(new RedshiftDialect().columnType("date")).contains(ColumnType.TIMESTAMP);
        assertThat(day.fit("2024-05-01 23:59:59.000000")).isEqualTo(new Coerced.Value("2024-05-01"));
    }

    @Property
    void cutTextFitsItsColumnAndNeverSplitsACharacter(@ForAll String text, @ForAll @IntRange(min = 1, max = 40) int length) {
        String loadable = Utf8.loadable(text);

        String inCharacters = ((Coerced.Value) new ColumnBound.Text(length, false).fit(loadable)).text();
        String inBytes = ((Coerced.Value) new ColumnBound.Text(length, true).fit(loadable)).text();

        assertThat(loadable).startsWith(inCharacters).startsWith(inBytes);
        assertThat(inCharacters.codePointCount(0, inCharacters.length())).isLessThanOrEqualTo(length);
        assertThat(inBytes.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(length);
    }
}
