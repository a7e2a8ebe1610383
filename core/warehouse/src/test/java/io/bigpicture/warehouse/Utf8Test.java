package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class Utf8Test {

    @Property
    void theCutFitsIsAPrefixAndSplitsNoCharacter(@ForAll String text, @ForAll @IntRange(min = 0, max = 64) int maxBytes) {
        String cut = Utf8.truncate(text, maxBytes);

        assertThat(text).startsWith(cut);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxBytes);
        if (!cut.isEmpty()) {
            assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
        }
    }

    @Property
    void textThatFitsIsKeptWhole(@ForAll String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;

        assertThat(Utf8.truncate(text, Math.max(bytes, text.length() * 3))).isEqualTo(text);
    }
}
