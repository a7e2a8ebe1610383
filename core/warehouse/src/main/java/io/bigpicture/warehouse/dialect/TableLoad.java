package io.bigpicture.warehouse.dialect;

import io.bigpicture.warehouse.TableMerge;
import java.util.List;

/**
 * Loading one table: rows arrive in a temporary staging table first, then go into the target as
 * its {@link TableMerge} says, one row per id.
 */
public record TableLoad(String schema, String table, String stagingTable, List<String> columns) {

    public TableMerge merge() {
        return TableMerge.of(table);
    }


    public TableLoad {
        columns = List.copyOf(columns);
    }
}
