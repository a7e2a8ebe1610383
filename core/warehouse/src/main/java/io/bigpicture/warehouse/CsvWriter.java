package io.bigpicture.warehouse;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Lines of a load file, written as UTF-8 straight into a stream: CSV with every value quoted, so
 * that an empty unquoted field can mean NULL and a quoted empty one the empty string (how both
 * PostgreSQL and Redshift COPY read CSV). Encodes as it copies, without a string per line or a
 * character encoder in between: this is the inner loop of every load. Not thread-safe.
 */
public final class CsvWriter implements Closeable {

    private final OutputStream out;
    private final byte[] buffer;
    private int used;

    public CsvWriter(OutputStream out) {
        this(out, 16384);
    }

    /**
     * @param bufferSize small where a sync writes to hundreds of tables at once (a buffer each, per
     *                   writer thread); large enough that the copy into the stream is rare
     */
    public CsvWriter(OutputStream out, int bufferSize) {
        this.out = out;
        this.buffer = new byte[bufferSize];
    }

    /** Hands the lines written so far to the stream (which is not flushed itself). */
    public void flush() throws IOException {
        flushBuffer();
    }

    /** {@code values} may hold nulls. The line ends with a newline. */
    public void writeLine(List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                put((byte) ',');
            }
            String value = values.get(i);
            if (value != null) {
                put((byte) '"');
                putQuoted(value);
                put((byte) '"');
            }
        }
        put((byte) '\n');
    }

    /** A lone surrogate becomes {@code ?}, as {@link String#getBytes} writes it. */
    private void putQuoted(String value) throws IOException {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (used + 4 > buffer.length) {
                flushBuffer();
            }
            if (c < 0x80) {
                if (c == '"') {
                    buffer[used++] = '"';
                }
                buffer[used++] = (byte) c;
            } else if (c < 0x800) {
                buffer[used++] = (byte) (0xC0 | c >> 6);
                buffer[used++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                buffer[used++] = (byte) (0xF0 | codePoint >> 18);
                buffer[used++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                buffer[used++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                buffer[used++] = (byte) (0x80 | codePoint & 0x3F);
            } else if (Character.isSurrogate(c)) {
                buffer[used++] = '?';
            } else {
                buffer[used++] = (byte) (0xE0 | c >> 12);
                buffer[used++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[used++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    private void put(byte b) throws IOException {
        if (used == buffer.length) {
            flushBuffer();
        }
        buffer[used++] = b;
    }

    private void flushBuffer() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }

    @Override
    public void close() throws IOException {
        try (out) {
            flushBuffer();
        }
    }
}
