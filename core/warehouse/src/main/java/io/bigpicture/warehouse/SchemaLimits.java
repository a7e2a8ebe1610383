package io.bigpicture.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The most columns a table and the most tables a warehouse may have, applied to a batch before any
 * DDL: a new column past its table's limit is not created (its values become {@code discards} with
 * the reason {@link #COLUMN_LIMIT}), and a new table past the warehouse's limit is not created (its
 * rows are left out and counted). What exists already is never touched.
 *
 * @param columnsPerTable the database's limit less {@link #MARGIN}
 * @param tables          tables in the warehouse in all, ours and others'
 */
public record SchemaLimits(int columnsPerTable, int tables) {

    /** The loader itself needs these in every table it loads: they are never left out (and set before the limits below). */
    public static final Set<String> ALWAYS_KEPT = Set.of(StandardColumns.ID, StandardColumns.RECEIVED_AT, StandardColumns.UUID_TS);

    public static final String COLUMN_LIMIT = "column limit";
    /** Columns a table may have in Redshift and in PostgreSQL. */
    public static final int DATABASE_COLUMNS = 1600;
    /** Room below the database's own column limit, so that a table at our limit can still take a standard column. */
    public static final int MARGIN = 20;

    public SchemaLimits {
        if (columnsPerTable < ALWAYS_KEPT.size() || tables < 1) {
            throw new IllegalArgumentException("limits too small to load anything: " + columnsPerTable + " columns, " + tables + " tables");
        }
    }

    /** These limits with another one on columns, which the database's own limit bounds. */
    public SchemaLimits withColumnsPerTable(int columns) {
        if (columns > DATABASE_COLUMNS) {
            throw new IllegalArgumentException("a table may have at most " + DATABASE_COLUMNS + " columns, not " + columns);
        }
        return new SchemaLimits(columns, tables);
    }

    /**
     * The batch as far as it fits, and what did not.
     *
     * @param columnsLeftOut per table (the warehouse's names), the new columns not created
     * @param tablesLeftOut  the new tables not created (the warehouse's names)
     */
    public record Fitted(BatchSchema batch, Map<String, List<String>> columnsLeftOut, List<String> tablesLeftOut) {

        public static Fitted all(BatchSchema batch) {
            return new Fitted(batch, Map.of(), List.of());
        }

        public boolean leftOutColumn(String physicalTable, String physicalColumn) {
            return columnsLeftOut.getOrDefault(physicalTable, List.of()).contains(physicalColumn);
        }

        /** What a person should know and do, or empty when everything fit. */
        public List<String> inWords(SchemaLimits limits) {
            List<String> words = new ArrayList<>();
            columnsLeftOut.forEach((table, columns) -> words.add("table " + table + " has the most columns it may have ("
                    + limits.columnsPerTable() + "): " + columns.size() + " new columns were not created (" + Listing.firstFew(columns)
                    + ") and their values went to discards. Untick columns you do not need in the source's filters (selective sync),"
                    + " or send fewer distinct property names."));
            if (!tablesLeftOut.isEmpty()) {
                words.add("the warehouse has the most tables it may have (" + limits.tables() + "): " + tablesLeftOut.size()
                        + " new tables were not created (" + Listing.firstFew(tablesLeftOut) + ") and their rows were left out. Drop tables you"
                        + " do not need, or untick event tables in the source's filters.");
            }
            return words;
        }
    }

    /**
     * @param existing          the schema's tables and columns as the warehouse has them (its names)
     * @param tablesInWarehouse tables the warehouse has in all
     * @param physicalName      the warehouse's name for one of ours
     */
    public Fitted fit(BatchSchema batch, Map<String, Map<String, ColumnType>> existing, int tablesInWarehouse, UnaryOperator<String> physicalName) {
        BatchSchema fitted = new BatchSchema();
        Map<String, List<String>> columnsLeftOut = new LinkedHashMap<>();
        List<String> tablesLeftOut = new ArrayList<>();
        int tableCount = tablesInWarehouse;
        for (Map.Entry<String, Map<String, ColumnType>> table : batch.tables().entrySet()) {
            String physicalTable = physicalName.apply(table.getKey());
            Map<String, ColumnType> there = existing.get(physicalTable);
            if (there == null) {
                if (tableCount >= tables) {
                    tablesLeftOut.add(physicalTable);
                    continue;
                }
                tableCount++;
                there = Map.of();
            }
            int columnCount = there.size();
            Map<String, ColumnType> kept = new LinkedHashMap<>();
            for (Map.Entry<String, ColumnType> column : inLoadingOrder(table.getValue())) {
                String physicalColumn = physicalName.apply(column.getKey());
                if (there.containsKey(physicalColumn)) {
                    kept.put(column.getKey(), column.getValue());
                } else if (columnCount < columnsPerTable || ALWAYS_KEPT.contains(column.getKey())) {
                    kept.put(column.getKey(), column.getValue());
                    columnCount++;
                } else {
                    columnsLeftOut.computeIfAbsent(physicalTable, name -> new ArrayList<>()).add(physicalColumn);
                }
            }
            fitted.require(table.getKey(), kept);
        }
        return new Fitted(fitted, columnsLeftOut, tablesLeftOut);
    }

    /** The columns the loader needs first, then the batch's order (the order they were first seen). */
    private static List<Map.Entry<String, ColumnType>> inLoadingOrder(Map<String, ColumnType> columns) {
        List<Map.Entry<String, ColumnType>> ordered = new ArrayList<>();
        columns.entrySet().stream().filter(column -> ALWAYS_KEPT.contains(column.getKey())).forEach(ordered::add);
        columns.entrySet().stream().filter(column -> !ALWAYS_KEPT.contains(column.getKey())).forEach(ordered::add);
        return ordered;
    }
}
