package io.bigpicture.warehouse.filter;

import java.util.Arrays;
import java.util.Optional;

/**
 * An event name pattern as people write it: {@code *} any run of characters, {@code ?} one,
 * {@code \} takes the next character as it is; everything else matches itself, ignoring case.
 *
 * <p>Matched without regular expressions: a tenant's pattern meets every event name of its
 * source, and a backtracking matcher can spend minutes on one name ({@code *a*a*a*a*a!}). Here a
 * star is only ever retried from the last one seen, so a match takes at most the pattern's length
 * times the name's, both bounded.
 */
public final class Glob {

    public static final int MAX_LENGTH = 200;
    public static final int MAX_STARS = 10;

    /** Tokens of the pattern besides literal characters, which are their case-folded value (0 to 0xFFFF). */
    private static final int STAR = -1;
    private static final int ANY = -2;

    private final String text;
    private final int[] tokens;

    private Glob(String text, int[] tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /** The reason the text is no pattern, or empty. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("a name pattern may not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("a name pattern has at most " + MAX_LENGTH + " characters");
        }
        int stars = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (++i == text.length()) {
                    return Optional.of("the pattern " + text + " ends in a lone \\ (write \\\\ for a backslash)");
                }
            } else if (c == '*') {
                stars++;
            }
        }
        if (stars > MAX_STARS) {
            return Optional.of("a name pattern has at most " + MAX_STARS + " * (this one has " + stars + ")");
        }
        return Optional.empty();
    }

    /** @throws IllegalArgumentException saying what {@link #problem} says */
    public static Glob of(String text) {
        problem(text).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        int[] tokens = new int[text.length()];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                tokens[length++] = fold(text.charAt(++i));
            } else if (c == '*') {
                // a run of stars is one star
                if (length == 0 || tokens[length - 1] != STAR) {
                    tokens[length++] = STAR;
                }
            } else {
                tokens[length++] = c == '?' ? ANY : fold(c);
            }
        }
        return new Glob(text, Arrays.copyOf(tokens, length));
    }

    public String text() {
        return text;
    }

    public boolean matches(String name) {
        int token = 0;
        int at = 0;
        int lastStar = -1;
        int resumeAt = 0;
        while (at < name.length()) {
            if (token < tokens.length && tokens[token] == STAR) {
                lastStar = token++;
                resumeAt = at;
            } else if (token < tokens.length && tokens[token] == ANY) {
                token++;
                at += Character.charCount(name.codePointAt(at));
            } else if (token < tokens.length && tokens[token] == fold(name.charAt(at))) {
                token++;
                at++;
            } else if (lastStar >= 0) {
                // the last star takes one more character; earlier stars never need to take back theirs
                token = lastStar + 1;
                resumeAt += Character.charCount(name.codePointAt(resumeAt));
                at = resumeAt;
            } else {
                return false;
            }
        }
        while (token < tokens.length && tokens[token] == STAR) {
            token++;
        }
        return token == tokens.length;
    }

    /** Case folded as {@link String#equalsIgnoreCase} compares. */
    private static int fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    @Override
    public String toString() {
        return text;
    }
}
