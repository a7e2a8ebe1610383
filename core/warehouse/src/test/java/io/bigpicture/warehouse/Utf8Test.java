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

    @Property
    void loadableTextHasNoNulAndEncodesToUtf8AndBackUnchanged(@ForAll String text) {
        String loadable = Utf8.loadable(text);

        assertThat(loadable).doesNotContain("\0");
        assertThat(new String(loadable.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(loadable);
        if (text.indexOf(0) < 0 && new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text)) {
            assertThat(loadable).isSameAs(text);
        }
    }

    @Property
    void whatChangedNamesEachKindOfChange(@ForAll String text) {
        String loadable = Utf8.loadable(text);
        if (loadable != text) {
            String change = Utf8.whatLoadableChanged(text);
            assertThat(change.contains(Utf8.NUL_REMOVED)).isEqualTo(text.indexOf(0) >= 0);
            assertThat(change.contains(Utf8.LONE_SURROGATE_REPLACED)).isEqualTo(loadable.length() + text.chars().filter(c -> c == 0).count() == text.length()
                    && !new String(text.replace("\0", "").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text.replace("\0", "")));
        }
    }
}
