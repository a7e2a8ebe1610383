package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bigpicture.events.EventType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchSchemaTest {

    @Test
    void theFirstValueSeenDecidesTheType() {
        BatchSchema schema = new BatchSchema();
        schema.observe(row("t", Map.of("id", TextNode.valueOf("1"), "size", TextNode.valueOf("L"))));
        schema.observe(row("t", Map.of("id", TextNode.valueOf("2"), "size", IntNode.valueOf(3))));

        assertThat(schema.table("t").orElseThrow()).containsEntry("size", ColumnType.VARCHAR)
                .containsEntry("uuid_ts", ColumnType.TIMESTAMP);
    }

    @Test
    void wholeAndFractionalNumbersForOneNewColumnMakeDoublePrecision() {
        BatchSchema first = new BatchSchema();
        first.observe(row("t", Map.of("id", TextNode.valueOf("1"), "price", IntNode.valueOf(9))));
        BatchSchema later = new BatchSchema();
        later.observe(row("t", Map.of("id", TextNode.valueOf("2"), "price", DoubleNode.valueOf(9.5))));

        first.merge(later);

        assertThat(first.table("t").orElseThrow()).containsEntry("price", ColumnType.DOUBLE_PRECISION);
    }

    @Test
    void itTravelsAsJsonWithItsColumnOrder() {
        BatchSchema schema = new BatchSchema();
        schema.observe(row("t", Map.of("id", TextNode.valueOf("1"), "b", IntNode.valueOf(1))));
        ObjectMapper json = new ObjectMapper();

        BatchSchema back = BatchSchema.fromJson(schema.toJson(json));

        assertThat(back.tables()).isEqualTo(schema.tables());
    }

    private static Row row(String table, Map<String, JsonNode> values) {
        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        ordered.put("id", values.get("id"));
        ordered.putAll(values);
        return new Row(table, EventType.TRACK, ordered);
    }
}
