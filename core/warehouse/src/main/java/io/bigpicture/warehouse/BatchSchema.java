package io.bigpicture.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The tables and columns a batch of rows needs, each column with the type its first value gave
 * it. A staging file records its own; a sync merges those of its files in the order they came.
 */
public final class BatchSchema {

    private final Map<String, Map<String, ColumnType>> tables = new LinkedHashMap<>();

    public void observe(Row row) {
        Map<String, ColumnType> columns = tables.computeIfAbsent(row.table(), table -> new LinkedHashMap<>());
        for (String column : row.values().keySet()) {
            row.typeOf(column).ifPresent(type -> add(columns, column, type));
        }
        // every row gets its load time
        columns.putIfAbsent(StandardColumns.UUID_TS, ColumnType.TIMESTAMP);
    }

    /** Adds a table with fixed columns, such as {@code discards}. */
    public void require(String table, Map<String, ColumnType> columns) {
        Map<String, ColumnType> existing = tables.computeIfAbsent(table, name -> new LinkedHashMap<>());
        columns.forEach(existing::putIfAbsent);
    }

    /** Adds what a later batch saw; for a column both saw, the earlier type wins (but see {@link ColumnType#mergedWith}). */
    public void merge(BatchSchema later) {
        later.tables.forEach((table, laterColumns) -> {
            Map<String, ColumnType> columns = tables.computeIfAbsent(table, name -> new LinkedHashMap<>());
            laterColumns.forEach((column, type) -> add(columns, column, type));
        });
    }

    private static void add(Map<String, ColumnType> columns, String column, ColumnType type) {
        columns.merge(column, type, ColumnType::mergedWith);
    }

    /** The same tables and columns under other names (a database's shortened ones); names that meet merge. */
    public BatchSchema renamed(UnaryOperator<String> rename) {
        BatchSchema renamed = new BatchSchema();
        tables.forEach((table, columns) -> {
            Map<String, ColumnType> target = renamed.tables.computeIfAbsent(rename.apply(table), name -> new LinkedHashMap<>());
            columns.forEach((column, type) -> add(target, rename.apply(column), type));
        });
        return renamed;
    }

    public Map<String, Map<String, ColumnType>> tables() {
        return Collections.unmodifiableMap(tables);
    }

    public Optional<Map<String, ColumnType>> table(String table) {
        return Optional.ofNullable(tables.get(table)).map(Collections::unmodifiableMap);
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        tables.forEach((table, columns) -> {
            ObjectNode node = root.putObject(table);
            columns.forEach((column, type) -> node.put(column, type.name()));
        });
        return root;
    }

    public static BatchSchema fromJson(JsonNode root) {
        BatchSchema schema = new BatchSchema();
        root.fields().forEachRemaining(table -> {
            Map<String, ColumnType> columns = schema.tables.computeIfAbsent(table.getKey(), name -> new LinkedHashMap<>());
            table.getValue().fields().forEachRemaining(column ->
                    columns.put(column.getKey(), ColumnType.valueOf(column.getValue().asText())));
        });
        return schema;
    }
}
