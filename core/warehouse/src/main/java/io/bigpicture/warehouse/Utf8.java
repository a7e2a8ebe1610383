package io.bigpicture.warehouse;

/** Byte-length rules for text: Redshift measures VARCHAR in UTF-8 bytes. */
public final class Utf8 {

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
