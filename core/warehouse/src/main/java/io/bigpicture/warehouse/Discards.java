package io.bigpicture.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code discards} table of every source schema: one row per value that could not be loaded
 * into its column, saying where it was going, what it was and why it was left out.
 */
public final class Discards {

    public static final String TABLE = TableNamer.DISCARDS;
    /** Its texts are cut to this many UTF-8 bytes: the shortest text column any warehouse's setting makes holds them. */
    public static final int TEXT_BYTES = VarcharLength.DEFAULT_LENGTH;

    private static final Map<String, ColumnType> SCHEMA = new LinkedHashMap<>();

    static {
        SCHEMA.put(StandardColumns.ID, ColumnType.VARCHAR);
        SCHEMA.put(StandardColumns.RECEIVED_AT, ColumnType.TIMESTAMP);
        SCHEMA.put("table_name", ColumnType.VARCHAR);
        SCHEMA.put("column_name", ColumnType.VARCHAR);
        SCHEMA.put("row_id", ColumnType.VARCHAR);
        SCHEMA.put("value", ColumnType.VARCHAR);
        SCHEMA.put("reason", ColumnType.VARCHAR);
        SCHEMA.put(StandardColumns.UUID_TS, ColumnType.TIMESTAMP);
    }

    public static final List<String> COLUMNS = List.copyOf(SCHEMA.keySet());
    public static final Map<String, ColumnType> TYPES = Collections.unmodifiableMap(SCHEMA);

    /** A sync keeps this many examples per table for its history; the discards table has them all. */
    public static final int EXAMPLES_PER_TABLE = 3;
    /**
     * A table's load leaves out at most this many rows the warehouse refuses; past it, something
     * other than a row is wrong, and the table fails.
     */
    public static final int MAX_REFUSED_PER_TABLE = 100;
    /** An example's value is cut to this many characters. */
    public static final int EXAMPLE_VALUE_CHARS = 200;

    /** One discarded value as sync history shows it. */
    public record Example(String table, String column, String value, String reason) {

        public static Example of(String table, String column, JsonNode value, String reason) {
            return new Example(table, column, abbreviated(text(value)), reason);
        }

        /** Never cuts a character in two. */
        static String abbreviated(String text) {
            if (text.length() <= EXAMPLE_VALUE_CHARS) {
                return text;
            }
            int end = Character.isHighSurrogate(text.charAt(EXAMPLE_VALUE_CHARS - 1)) ? EXAMPLE_VALUE_CHARS - 1 : EXAMPLE_VALUE_CHARS;
            return text.substring(0, end) + "…";
        }
    }

    /**
     * A row the warehouse refused although its values were fitted (a column narrower than ours in
     * a table made by someone else, a constraint): its id, the value the warehouse named (or the
     * whole line when it named none) and the warehouse's own message.
     *
     * @param column the warehouse's name of the column it named; empty when it named none
     */
    public record Refused(String table, String rowId, String receivedAt, String column, String value, String reason) {

        public List<String> row(String loadedAt) {
            return Arrays.asList(id(rowId, table, column), receivedAt, table, column, Utf8.truncate(rowId, TEXT_BYTES),
                    Utf8.truncate(value, TEXT_BYTES), Utf8.truncate(reason, TEXT_BYTES), loadedAt);
        }

        public Example example() {
            return new Example(table, column, Example.abbreviated(value), reason);
        }
    }

    private Discards() {
    }

    /**
     * The same for the same value of the same row, so that a re-run replaces its discards; a
     * hash of the whole stands in for the end of one too long for the column.
     */
    static String id(String rowId, String table, String column) {
        String id = rowId + "/" + table + "/" + column;
        if (id.length() * 3 <= TEXT_BYTES || Utf8.truncate(id, TEXT_BYTES).length() == id.length()) {
            return id;
        }
        String hash = "#" + HexFormat.of().formatHex(sha256(id), 0, 16);
        return Utf8.truncate(id, TEXT_BYTES - hash.length()) + hash;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every batch may discard, so every batch needs the table. */
    public static void addTo(BatchSchema batch) {
        batch.require(TABLE, SCHEMA);
    }

    /** Load-file values in {@link #COLUMNS} order; the id makes a re-run's discard the same row. */
    public static List<String> row(Row row, String column, JsonNode value, String reason, String loadedAt) {
        JsonNode receivedAt = row.values().get(StandardColumns.RECEIVED_AT);
        String receivedText = receivedAt == null ? null
                : TypeCoercion.coerce(receivedAt, ColumnType.TIMESTAMP) instanceof Coerced.Value time ? time.text() : null;
        String rowId = Utf8.truncate(Utf8.loadable(row.id()), TEXT_BYTES);
        return Arrays.asList(
                id(rowId, row.table(), column),
                receivedText,
                row.table(),
                column,
                rowId,
                Utf8.truncate(text(value), TEXT_BYTES),
                reason,
                loadedAt);
    }

    /** The value as sent; as JSON, escapes and all, when it holds characters no warehouse stores. */
    private static String text(JsonNode value) {
        String text = value.isTextual() ? value.asText() : value.toString();
        return Utf8.loadable(text) == text ? text : Utf8.loadable(value.toString());
    }
}
