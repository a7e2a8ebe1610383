package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bigpicture.events.EventType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

    @Test
    void missingTablesAreCreatedAndMissingColumnsAddedButExistingTypesStay() {
        BatchSchema wanted = new BatchSchema();
        Map<String, com.fasterxml.jackson.databind.JsonNode> values = new LinkedHashMap<>();
        values.put("id", TextNode.valueOf("1"));
        values.put("price", TextNode.valueOf("9"));
        values.put("quantity", IntNode.valueOf(2));
        wanted.observe(new Row("orders", EventType.TRACK, values));
        wanted.observe(new Row("tracks", EventType.TRACK, Map.of("id", TextNode.valueOf("1"))));

        Map<String, Map<String, ColumnType>> existing = Map.of("orders", Map.of(
                "id", ColumnType.VARCHAR, "price", ColumnType.BIGINT, "uuid_ts", ColumnType.TIMESTAMP));

        assertThat(SchemaDiff.changes("shop", existing, wanted)).containsExactly(
                new TableChange.AddColumns("shop", "orders", Map.of("quantity", ColumnType.BIGINT)),
                new TableChange.CreateTable("shop", "tracks", orderedOf("id", ColumnType.VARCHAR, "uuid_ts", ColumnType.TIMESTAMP)));
    }

    @Test
    void nothingChangesWhenTheWarehouseHasItAll() {
        BatchSchema wanted = new BatchSchema();
        wanted.observe(new Row("tracks", EventType.TRACK, Map.of("id", TextNode.valueOf("1"))));

        assertThat(SchemaDiff.changes("s", Map.of("tracks", Map.of("id", ColumnType.VARCHAR, "uuid_ts", ColumnType.TIMESTAMP)), wanted)).isEmpty();
    }

    private static Map<String, ColumnType> orderedOf(String c1, ColumnType t1, String c2, ColumnType t2) {
        Map<String, ColumnType> map = new LinkedHashMap<>();
        map.put(c1, t1);
        map.put(c2, t2);
        return map;
    }
}
