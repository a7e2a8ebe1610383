package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class DiscardsTest {

    @Property
    void anExampleKeepsTheStartOfTheValueAndNeverSplitsACharacter(@ForAll @StringLength(max = 400) String value) {
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
    void anExampleShowsANonTextValueAsJson() {
        assertThat(Discards.Example.of("users", "active", IntNode.valueOf(7), "not true or false"))
                .isEqualTo(new Discards.Example("users", "active", "7", "not true or false"));
    }
}
