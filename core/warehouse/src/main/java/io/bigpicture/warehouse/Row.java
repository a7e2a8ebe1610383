package io.bigpicture.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigpicture.events.EventType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One warehouse row before typing: column name to the value as sent, from a call of this type;
 * and the values that lost their column to an earlier name of the message that maps to it too.
 */
public record Row(String table, EventType type, Map<String, JsonNode> values, List<Clash> clashes) {

    /** How a value that lost its column to another sent name is counted in {@code discards}. */
    public static final String NAME_CLASH = "name clash";

    /** A sent value whose column an earlier value of the message already filled ({@code "A"} after {@code "a"}). */
    public record Clash(String column, JsonNode value) {
    }

    public Row(String table, EventType type, Map<String, JsonNode> values) {
        this(table, type, values, List.of());
    }

    public String id() {
        return values.get(StandardColumns.ID).asText();
    }

    /** The type a new column would take from this row's value. */
    public Optional<ColumnType> typeOf(String column) {
        ColumnType standard = StandardColumns.typeOf(type, column);
        return standard != null ? Optional.of(standard) : TypeInference.typeOf(values.get(column));
    }
}
