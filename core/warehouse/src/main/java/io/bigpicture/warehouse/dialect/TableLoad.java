package io.bigpicture.warehouse.dialect;

import java.util.List;

/**
 * Loading one table: rows arrive in a temporary staging table first, then replace the target's
 * rows of the same id, keeping one row per id.
 */
public record TableLoad(String schema, String table, String stagingTable, List<String> columns) {

    public TableLoad {
        columns = List.copyOf(columns);
    }
}
