package io.bigpicture.warehouse;

/**
 * Text as the warehouses take it: Redshift measures VARCHAR in UTF-8 bytes, and neither Redshift
 * nor PostgreSQL stores NUL (U+0000) or a lone surrogate (legal in JSON, not in UTF-8).
 */
public final class Utf8 {

    /** What {@link #loadable} did, in the words {@code discards} gives as the reason. */
    public static final String NUL_REMOVED = "NUL characters (U+0000) removed";
    public static final String LONE_SURROGATE_REPLACED = "unpaired surrogates replaced with U+FFFD";

    private Utf8() {
    }

    /** The longest prefix of {@code text} that fits in {@code maxBytes} without splitting a character. */
    public static String truncate(String text, int maxBytes) {
        if (text.length() * 3 <= maxBytes) {
            return text; // even all three-byte characters would fit; surrogate pairs are 4 bytes for 2 chars
        }
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = byteLength(codePoint);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    /**
     * The text without NUL and with U+FFFD for each lone surrogate; the same instance when nothing
     * needed changing, which one pass over the characters tells.
     */
    public static String loadable(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0 || (Character.isSurrogate(c) && !isPairAt(text, i))) {
                return repaired(text);
            }
            if (Character.isSurrogate(c)) {
                i++;
            }
        }
        return text;
    }

    /** What {@link #loadable} changed in {@code text}, in words for {@code discards}; call it only when it did. */
    public static String whatLoadableChanged(String text) {
        boolean nul = false;
        boolean loneSurrogate = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            nul |= c == 0;
            if (Character.isSurrogate(c) && isPairAt(text, i)) {
                i++;
            } else {
                loneSurrogate |= Character.isSurrogate(c);
            }
        }
        if (nul && loneSurrogate) {
            return NUL_REMOVED + "; " + LONE_SURROGATE_REPLACED;
        }
        return nul ? NUL_REMOVED : LONE_SURROGATE_REPLACED;
    }

    /** A high surrogate at {@code index} followed by a low one. */
    private static boolean isPairAt(String text, int index) {
        return Character.isHighSurrogate(text.charAt(index)) && index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1));
    }

    private static String repaired(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                continue;
            }
            if (!Character.isSurrogate(c)) {
                out.append(c);
            } else if (isPairAt(text, i)) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append('\uFFFD');
            }
        }
        return out.toString();
    }

    private static int byteLength(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
