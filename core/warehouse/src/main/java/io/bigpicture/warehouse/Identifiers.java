package io.bigpicture.warehouse;

/**
 * The one rule every warehouse name follows (docs/design.md, section 5): snake_case of the sent name,
 * lower case, {@code [a-z0-9_]} only, a leading {@code _} before a leading digit, at most
 * {@value #MAX_LENGTH} bytes. Deterministic, so a name never changes for a column that exists.
 */
public final class Identifiers {

    /** Redshift's limit in bytes; the result is ASCII, so also in characters. */
    public static final int MAX_LENGTH = 127;

    private Identifiers() {
    }

    public static String sanitize(String sentName) {
        StringBuilder out = new StringBuilder(sentName.length() + 4);
        int length = sentName.length();
        for (int i = 0; i < length; ) {
            int codePoint = sentName.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            if (Character.isUpperCase(codePoint) && startsNewWord(sentName, i, next) && out.length() > 0
                    && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
            int lower = Character.toLowerCase(codePoint);
            out.append(isAllowed(lower) ? (char) lower : '_');
            i = next;
        }
        if (out.isEmpty() || Character.isDigit(out.charAt(0))) {
            out.insert(0, '_');
        }
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) : out.toString();
    }

    /** {@code productId} -> {@code product_id}; {@code HTTPRequest} -> {@code http_request}. */
    private static boolean startsNewWord(String text, int index, int nextIndex) {
        if (index == 0) {
            return false;
        }
        int previous = text.codePointBefore(index);
        if (Character.isLowerCase(previous) || Character.isDigit(previous)) {
            return true;
        }
        return Character.isUpperCase(previous) && nextIndex < text.length()
                && Character.isLowerCase(text.codePointAt(nextIndex));
    }

    /**
     * A sanitized name made to fit a database's shorter limit: cut, with a hash of the whole name
     * appended so that two long names that share a beginning stay apart. Names that fit are
     * returned as they are, so shortening twice changes nothing.
     */
    public static String shorten(String name, int maxLength) {
        if (name.length() <= maxLength) {
            return name;
        }
        String hash = Integer.toHexString(name.hashCode() & 0x7fffffff);
        String suffix = "_" + "0".repeat(8 - hash.length()) + hash;
        return name.substring(0, maxLength - suffix.length()) + suffix;
    }

    private static boolean isAllowed(int codePoint) {
        return (codePoint >= 'a' && codePoint <= 'z') || (codePoint >= '0' && codePoint <= '9') || codePoint == '_';
    }
}
