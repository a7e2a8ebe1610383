package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(new PostgresDialect().columnBound("character varying", 3)).contains(new ColumnBound.Text(3, false));
        assertThat(new RedshiftDialect().columnBound("character varying", 256)).contains(new ColumnBound.Text(256, true));
        assertThat(new PostgresDialect().columnBound("character varying", 512)).as("as wide as ours").isEmpty();
        assertThat(new PostgresDialect().columnBound("text", null)).isEmpty();
        assertThat(new PostgresDialect().columnBound("bigint", null)).isEmpty();
    }

    @Test
    void aWholeNumberPastAnIntegerColumnIsDiscardedAndOneWithinLoads() {
        ColumnBound integer = new PostgresDialect().columnBound("integer", null).orElseThrow();

        assertThat(integer.fit("2147483647")).isEqualTo(new Coerced.Value("2147483647"));
        assertThat(integer.fit("3000000000")).isEqualTo(new Coerced.Discarded("a whole number out of range for an integer column"));
        assertThat(new RedshiftDialect().columnBound("smallint", null).orElseThrow().fit("-32769"))
                .isEqualTo(new Coerced.Discarded("a whole number out of range for a smallint column"));
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
