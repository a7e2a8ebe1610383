package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class DiscardsTest {

    @Property
    void anExampleKeepsTheStartOfTheValueAndNeverSplitsACharacter(@ForAll @StringLength(max = 400) String value) {
        Assume.that(Utf8.loadable(value) == value);
        String example = Discards.Example.of("tracks", "price", TextNode.valueOf(value), "not a number").value();

        if (value.length() <= Discards.EXAMPLE_VALUE_CHARS) {
            assertThat(example).isEqualTo(value);
        } else {
            assertThat(example).endsWith("…");
            String kept = example.substring(0, example.length() - 1);
            assertThat(value).startsWith(kept);
            assertThat(kept.length()).isBetween(Discards.EXAMPLE_VALUE_CHARS - 1, Discards.EXAMPLE_VALUE_CHARS);
            assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
        }
    }

    @Test
    void aValueWithCharactersNoWarehouseStoresIsShownAsJsonWithItsEscapes() {
        assertThat(Discards.Example.of("tracks", "x", TextNode.valueOf("a\0b"), Utf8.NUL_REMOVED).value()).isEqualTo("\"a\\u0000b\"");
        assertThat(Discards.Example.of("tracks", "x", TextNode.valueOf("a\ud800"), Utf8.LONE_SURROGATE_REPLACED).value())
                .isEqualTo("\"a\uFFFD\"");
    }

    @Test
    void anExampleShowsANonTextValueAsJson() {
        assertThat(Discards.Example.of("users", "active", IntNode.valueOf(7), "not true or false"))
                .isEqualTo(new Discards.Example("users", "active", "7", "not true or false"));
    }

    @Property
    void aDiscardsIdFitsItsColumnAndStaysApartFromOthers(@ForAll @StringLength(max = 600) String rowId, @ForAll @StringLength(max = 130) String column) {
        String loadableRowId = Utf8.loadable(rowId);
        String id = Discards.id(loadableRowId, "t".repeat(127), column);

        assertThat(id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Discards.TEXT_BYTES);
        assertThat(Discards.id(loadableRowId, "t".repeat(127), column)).isEqualTo(id);
        assertThat(Discards.id(loadableRowId + "x", "t".repeat(127), column)).isNotEqualTo(id);
    }
}
