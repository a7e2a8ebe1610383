package io.bigpicture.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigpicture.events.EventType;
import java.util.Map;
import java.util.Optional;

/** One warehouse row before typing: column name to the value as sent, from a call of this type. */
public record Row(String table, EventType type, Map<String, JsonNode> values) {

    public String id() {
        return values.get(StandardColumns.ID).asText();
    }

    /** The type a new column would take from this row's value. */
    public Optional<ColumnType> typeOf(String column) {
        ColumnType standard = StandardColumns.typeOf(type, column);
        return standard != null ? Optional.of(standard) : TypeInference.typeOf(values.get(column));
    }
}
