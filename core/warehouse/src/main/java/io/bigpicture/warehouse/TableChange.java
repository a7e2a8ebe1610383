package io.bigpicture.warehouse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A schema change the warehouse needs before a load: only ever additions. Columns keep their order. */
public sealed interface TableChange {

    String schema();

    String table();

    Map<String, ColumnType> columns();

    record CreateTable(String schema, String table, Map<String, ColumnType> columns) implements TableChange {
        public CreateTable {
            columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        }
    }

    record AddColumns(String schema, String table, Map<String, ColumnType> columns) implements TableChange {
        public AddColumns {
            columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        }
    }
}
