package io.bigpicture.redshift.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What Redshift refuses in a CSV record that PostgreSQL's COPY would take or would fail whole on:
 * a NUL byte, bytes that are not UTF-8, no value for a NOT NULL column, text wider than its
 * column in bytes. The first refused field names the record's load error, with Redshift's code and
 * words (see its load error reference); values its columns' types refuse are left to PostgreSQL.
 */
final class RecordCheck {

    /** Why a record is refused: the column, Redshift's error code and reason, and the field as sent. */
    record Refusal(String column, int code, String reason, String rawValue) {
    }

    private final CopyTarget target;
    private final boolean emptyAsNull;

    RecordCheck(CopyTarget target, boolean emptyAsNull) {
        this.target = target;
        this.emptyAsNull = emptyAsNull;
    }

    /** The record's bytes without its line end. */
    Optional<Refusal> check(byte[] record, int length) {
        int at = 0;
        for (int field = 0; at <= length; field++) {
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            boolean quoted = at < length && record[at] == '"';
            int start = at;
            if (quoted) {
                at++;
                while (at < length) {
                    if (record[at] == '"') {
                        if (at + 1 < length && record[at + 1] == '"') {
                            value.write('"');
                            at += 2;
                            continue;
                        }
                        at++;
                        break;
                    }
                    value.write(record[at++]);
                }
            }
            while (at < length && record[at] != ',') {
                value.write(record[at++]);
            }
            Optional<Refusal> refusal = check(target.column(field), value.toByteArray(), quoted, at - start);
            if (refusal.isPresent()) {
                return refusal;
            }
            at++;
        }
        return Optional.empty();
    }

    private Optional<Refusal> check(CopyTarget.Column column, byte[] value, boolean quoted, int rawLength) {
        String name = column == null ? "" : column.name();
        String raw = new String(value, StandardCharsets.UTF_8);
        for (int i = 0; i < value.length; i++) {
            if (value[i] == 0) {
                return Optional.of(new Refusal(name, 1214, "Missing newline: Unexpected character 0x0 found at location " + i, raw));
            }
        }
        Optional<String> badUtf8 = badUtf8(value);
        if (badUtf8.isPresent()) {
            return Optional.of(new Refusal(name, 1220, "String contains invalid or unsupported UTF8 codepoints. " + badUtf8.get(), raw));
        }
        if (column == null) {
            return Optional.empty();
        }
        boolean isNull = rawLength == 0 || (emptyAsNull && quoted && value.length == 0);
        if (isNull && column.notNull()) {
            return Optional.of(new Refusal(name, 1213, "Missing data for not-null field", raw));
        }
        if (column.maxBytes() >= 0 && value.length > column.maxBytes()) {
            return Optional.of(new Refusal(name, 1204, "String length exceeds DDL length", raw));
        }
        return Optional.empty();
    }

    /** The first sequence that is not UTF-8, in Redshift's words ({@code Bad UTF8 hex sequence: a4 (error 3)}). */
    static Optional<String> badUtf8(byte[] value) {
        for (int i = 0; i < value.length; ) {
            int lead = value[i] & 0xff;
            int length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
            if (length == 0) {
                return Optional.of(hex(value, i, 1, lead >= 0xf8 ? 1 : 3));
            }
            if (i + length > value.length) {
                return Optional.of(hex(value, i, value.length - i, 2));
            }
            for (int k = 1; k < length; k++) {
                if ((value[i + k] & 0xc0) != 0x80) {
                    return Optional.of(hex(value, i, k + 1, 2));
                }
            }
            int second = value[i + 1 < value.length ? i + 1 : i] & 0xff;
            boolean overlongOrSurrogate = (lead == 0xe0 && second < 0xa0) || (lead == 0xed && second >= 0xa0)
                    || (lead == 0xf0 && second < 0x90) || (lead == 0xf4 && second >= 0x90);
            if (length > 1 && overlongOrSurrogate) {
                return Optional.of(hex(value, i, length, 4));
            }
            i += length;
        }
        return Optional.empty();
    }

    private static String hex(byte[] value, int from, int count, int error) {
        StringBuilder hex = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            hex.append(String.format("%02x", value[i] & 0xff));
        }
        return "Bad UTF8 hex sequence: " + hex + " (error " + error + ")";
    }
}
