package io.bigpicture.warehouse.filter;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An event name pattern as people write it: {@code *} any run of characters, {@code ?} one,
 * {@code \} takes the next character as it is; everything else matches itself, ignoring case.
 * Compiled once per sync.
 */
public record Glob(String text, Pattern pattern) {

    public static final int MAX_LENGTH = 200;

    /** The reason the text is no pattern, or empty. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("a name pattern may not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("a name pattern has at most " + MAX_LENGTH + " characters");
        }
        int backslashes = 0;
        for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        if (backslashes % 2 == 1) {
            return Optional.of("the pattern " + text + " ends in a lone \\ (write \\\\ for a backslash)");
        }
        return Optional.empty();
    }

    public static Glob of(String text) {
        problem(text).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        StringBuilder regex = new StringBuilder(text.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                literal.append(text.charAt(++i));
            } else if (c == '*' || c == '?') {
                flush(regex, literal);
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        flush(regex, literal);
        return new Glob(text, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    private static void flush(StringBuilder regex, StringBuilder literal) {
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    public boolean matches(String name) {
        return pattern.matcher(name).matches();
    }
}
