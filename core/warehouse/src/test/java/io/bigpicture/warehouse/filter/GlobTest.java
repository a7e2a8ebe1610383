package io.bigpicture.warehouse.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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

    /** The meaning the matcher must keep: the same glob as a regular expression (never used to match tenants' names). */
    private static boolean asRegex(String glob, String name) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL).matcher(name).matches();
    }

    @Property(tries = 3000)
    void matchesExactlyWhatTheSameGlobAsARegularExpressionMatches(
            @ForAll @Chars({'a', 'B', 'b', '*', '?', '\\'}) @StringLength(min = 1, max = 12) String glob,
            @ForAll @Chars({'a', 'A', 'b', '*', '?', '\\'}) @StringLength(max = 14) String name) {
        if (Glob.problem(glob).isPresent()) {
            return;
        }
        assertThat(Glob.of(glob).matches(name)).as("%s against %s", glob, name).isEqualTo(asRegex(glob, name));
    }

    @Test
    void patternsThatMakeABacktrackingMatcherRunForMinutesAreAnsweredAsAnyOther() {
        String name = "a".repeat(200);

        assertThat(Glob.of("*a*a*a*a*a*a*a*a*a*a!").matches(name)).isFalse();
        assertThat(Glob.of("*a*a*a*a*a*a*a*a*a*a").matches(name)).isTrue();
        assertThat(Glob.of("?".repeat(190) + "*b").matches(name)).isFalse();
    }

    @Test
    void aQuestionMarkIsOneCharacterEvenOutsideTheBasicPlane() {
        assertThat(Glob.of("Rocket ?").matches("Rocket \uD83D\uDE80")).isTrue();
        assertThat(Glob.of("Rocket ??").matches("Rocket \uD83D\uDE80")).isFalse();
    }

    @Test
    void aBadPatternIsRefusedSayingWhy() {
        assertThat(Glob.problem("")).contains("a name pattern may not be empty");
        assertThat(Glob.problem("Debug \\")).contains("the pattern Debug \\ ends in a lone \\ (write \\\\ for a backslash)");
        assertThat(Glob.problem("Debug \\\\")).isEmpty();
        assertThat(Glob.problem("x".repeat(201))).contains("a name pattern has at most 200 characters");
        assertThat(Glob.problem("*a".repeat(11))).contains("a name pattern has at most 10 * (this one has 11)");
        assertThat(Glob.problem("\\*a".repeat(11))).as("escaped stars are characters").isEmpty();
    }
}
