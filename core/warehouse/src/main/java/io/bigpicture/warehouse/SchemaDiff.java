package io.bigpicture.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What to create or add so that the warehouse holds a batch; existing columns keep their types. */
public final class SchemaDiff {

    private SchemaDiff() {
    }

    /**
     * @param existing the schema's tables as the warehouse has them, table to column to type
     * @param wanted   what the batch needs
     */
    public static List<TableChange> changes(String schema, Map<String, Map<String, ColumnType>> existing, BatchSchema wanted) {
        List<TableChange> changes = new ArrayList<>();
        wanted.tables().forEach((table, columns) -> {
            Map<String, ColumnType> present = existing.get(table);
            if (present == null) {
                changes.add(new TableChange.CreateTable(schema, table, columns));
                return;
            }
            Map<String, ColumnType> missing = new LinkedHashMap<>();
            columns.forEach((column, type) -> {
                if (!present.containsKey(column)) {
                    missing.put(column, type);
                }
            });
            if (!missing.isEmpty()) {
                changes.add(new TableChange.AddColumns(schema, table, missing));
            }
        });
        return changes;
    }
}
