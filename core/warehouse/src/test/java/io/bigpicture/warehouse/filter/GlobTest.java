package io.bigpicture.warehouse.filter;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import java.util.Locale;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class GlobTest {

    /** Every character escaped: the pattern is the name itself. */
    private static String literal(String name) {
        StringBuilder escaped = new StringBuilder();
        name.chars().forEach(c -> escaped.append('\\').append((char) c));
        return escaped.toString();
    }

    @Property
    void aNameMatchesItselfEscapedAndNothingLonger(@ForAll @StringLength(min = 1, max = 60) String name) {
        Glob glob = Glob.of(literal(name));
        assertThat(glob.matches(name)).isTrue();
        assertThat(glob.matches(name + "x")).isFalse();
    }

    @Property
    void caseDoesNotMatter(@ForAll @AlphaChars @NumericChars @Chars({' ', '_'}) @StringLength(min = 1, max = 60) String name) {
        Glob glob = Glob.of(literal(name));
        assertThat(glob.matches(name.toUpperCase(Locale.ROOT))).isTrue();
        assertThat(glob.matches(name.toLowerCase(Locale.ROOT))).isTrue();
    }

    @Property
    void aStarAfterAPrefixMatchesEveryNameWithThatPrefix(@ForAll @StringLength(min = 1, max = 20) String prefix,
                                                         @ForAll @StringLength(max = 40) String rest) {
        assertThat(Glob.of(literal(prefix) + "*").matches(prefix + rest)).isTrue();
    }

    @Test
    void wildcardsAndCaseWorkAsPeopleExpect() {
        Glob debug = Glob.of("Debug *");
        assertThat(debug.matches("Debug Click")).isTrue();
        assertThat(debug.matches("debug click")).isTrue();
        assertThat(debug.matches("Debug ")).isTrue();
        assertThat(debug.matches("Debugging")).isFalse();
        assertThat(debug.matches("My Debug Click")).isFalse();
        assertThat(Glob.of("Order ?").matches("Order 1")).isTrue();
        assertThat(Glob.of("Order ?").matches("Order 12")).isFalse();
        assertThat(Glob.of("Price (\\*)").matches("price (*)")).isTrue();
        assertThat(Glob.of("Price (\\*)").matches("price (x)")).isFalse();
        assertThat(Glob.of("a.b").matches("axb")).as("a dot is a dot").isFalse();
    }

    @Test
    void aBadPatternIsRefusedSayingWhy() {
        assertThat(Glob.problem("")).contains("a name pattern may not be empty");
        assertThat(Glob.problem("Debug \\")).contains("the pattern Debug \\ ends in a lone \\ (write \\\\ for a backslash)");
        assertThat(Glob.problem("Debug \\\\")).isEmpty();
        assertThat(Glob.problem("x".repeat(201))).contains("a name pattern has at most 200 characters");
    }
}
