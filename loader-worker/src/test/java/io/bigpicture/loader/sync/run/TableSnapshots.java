package io.bigpicture.loader.sync.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Every column and row of every table of a schema, as text in a stable order, for comparing whole warehouses. */
final class TableSnapshots {

    private TableSnapshots() {
    }

    static String of(Connection warehouse, String schema) throws Exception {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = warehouse.prepareStatement(
                "select table_name from information_schema.tables where table_schema = ? order by 1")) {
            statement.setString(1, schema);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (String table : tables) {
            try (ResultSet result = warehouse.createStatement().executeQuery("select * from \"" + schema + "\".\"" + table + "\" order by 1")) {
                int width = result.getMetaData().getColumnCount();
                StringBuilder header = new StringBuilder(table);
                for (int i = 1; i <= width; i++) {
                    header.append('|').append(result.getMetaData().getColumnName(i));
                }
                lines.add(header.toString());
                while (result.next()) {
                    StringBuilder row = new StringBuilder(table);
                    for (int i = 1; i <= width; i++) {
                        row.append('|').append(result.getString(i));
                    }
                    lines.add(row.toString());
                }
            }
        }
        return String.join("\n", lines);
    }
}
