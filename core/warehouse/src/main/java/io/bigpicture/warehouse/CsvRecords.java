package io.bigpicture.warehouse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back what {@link CsvWriter} wrote, record by record as the databases count them: a newline
 * inside a quoted value belongs to its record. Only for the rare load that a database refused,
 * to find and leave out the records it named.
 */
public final class CsvRecords {

    private final InputStream in;
    private final ByteArrayOutputStream record = new ByteArrayOutputStream(256);

    /** {@code in} should be buffered: it is read a byte at a time. */
    public CsvRecords(InputStream in) {
        this.in = in;
    }

    /** The next record with its newline, or null at the end. */
    public byte[] next() throws IOException {
        record.reset();
        boolean quoted = false;
        for (int b = in.read(); b >= 0; b = in.read()) {
            record.write(b);
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\n' && !quoted) {
                return record.toByteArray();
            }
        }
        return record.size() == 0 ? null : record.toByteArray();
    }

    /** A record's values: null for an empty unquoted field, the text of a quoted one. */
    public static List<String> fields(byte[] record) {
        String line = new String(record, StandardCharsets.UTF_8);
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',' || c == '\n') {
                fields.add(wasQuoted ? field.toString() : null);
                field.setLength(0);
                wasQuoted = false;
                if (c == '\n') {
                    return fields;
                }
            }
        }
        fields.add(wasQuoted ? field.toString() : null);
        return fields;
    }
}
