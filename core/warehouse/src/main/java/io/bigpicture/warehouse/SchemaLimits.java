package io.bigpicture.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How far a batch may grow a warehouse, applied before any DDL. The database's limits: a new
 * column past its table's limit is not created (its values become {@code discards} with the reason
 * {@link #COLUMN_LIMIT}), and a new table past the warehouse's limit is not created (its rows are
 * left out and counted). And a source's caps, which keep a source that sends unbounded names
 * (an id in every event name) from filling the customer's database and our catalog: new tables and
 * columns per sync, and tables and columns in the source's schema; past them new names are not
 * created and their values become {@code discards} with the reason {@link #TOO_MANY_TABLES} or
 * {@link #TOO_MANY_COLUMNS}. What exists already is never touched.
 *
 * @param columnsPerTable the database's limit less {@link #MARGIN}
 * @param tables          tables in the warehouse in all, ours and others'
 * @param source          the caps per source
 */
public record SchemaLimits(int columnsPerTable, int tables, SourceCaps source) {

    /**
     * @param newTablesPerSync  tables one sync may create in the source's schema
     * @param tablesPerSchema   tables the source's schema may have
     * @param newColumnsPerSync columns one sync may create in the source's schema, its new tables' included
     * @param columnsPerSchema  columns the source's schema may have in all
     */
    public record SourceCaps(int newTablesPerSync, int tablesPerSchema, int newColumnsPerSync, int columnsPerSchema) {

        /** Well above what a tracking plan needs: hundreds of events, thousands of properties. */
        public static final SourceCaps DEFAULT = new SourceCaps(500, 2000, 10_000, 100_000);

        public SourceCaps {
            if (newTablesPerSync < 1 || tablesPerSchema < 1 || newColumnsPerSync < 1 || columnsPerSchema < 1) {
                throw new IllegalArgumentException("a source's caps must be at least 1");
            }
        }
    }

    public static final String TOO_MANY_TABLES = "too many tables";
    public static final String TOO_MANY_COLUMNS = "too many columns";

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

    /** The database's limits with the default caps per source. */
    public SchemaLimits(int columnsPerTable, int tables) {
        this(columnsPerTable, tables, SourceCaps.DEFAULT);
    }

    /** These limits with another one on columns, which the database's own limit bounds. */
    public SchemaLimits withColumnsPerTable(int columns) {
        if (columns > DATABASE_COLUMNS) {
            throw new IllegalArgumentException("a table may have at most " + DATABASE_COLUMNS + " columns, not " + columns);
        }
        return new SchemaLimits(columns, tables, source);
    }

    public SchemaLimits withSourceCaps(SourceCaps caps) {
        return new SchemaLimits(columnsPerTable, tables, caps);
    }

    /**
     * The batch as far as it fits, and what did not.
     *
     * @param leftOutColumns per table (the warehouse's names), the new columns not created and why ({@link #COLUMN_LIMIT}, {@link #TOO_MANY_COLUMNS})
     * @param leftOutTables  the new tables not created (the warehouse's names) and why ({@link #TOO_MANY_TABLES}, or the warehouse's limit)
     */
    public record Fitted(BatchSchema batch, Map<String, Map<String, String>> leftOutColumns, Map<String, String> leftOutTables) {

        /** The reason a table's rows have for a table limit, when the warehouse's own one kept it out. */
        public static final String WAREHOUSE_TABLES = "table limit";

        public static Fitted all(BatchSchema batch) {
            return new Fitted(batch, Map.of(), Map.of());
        }

        /** Why the column was not created, if it was not. */
        public Optional<String> columnLeftOut(String physicalTable, String physicalColumn) {
            return Optional.ofNullable(leftOutColumns.getOrDefault(physicalTable, Map.of()).get(physicalColumn));
        }

        /** What a person should know and do, or empty when everything fit. */
        public List<String> inWords(SchemaLimits limits) {
            List<String> words = new ArrayList<>();
            leftOutColumns.forEach((table, columns) -> {
                List<String> atTableLimit = named(columns, COLUMN_LIMIT);
                if (!atTableLimit.isEmpty()) {
                    words.add("table " + table + " has the most columns it may have (" + limits.columnsPerTable() + "): " + atTableLimit.size()
                            + " new columns were not created (" + Listing.firstFew(atTableLimit) + ") and their values went to discards."
                            + " Untick columns you do not need in the source's filters (selective sync), or send fewer distinct property names.");
                }
            });
            List<String> overCap = new ArrayList<>();
            leftOutColumns.forEach((table, columns) -> named(columns, TOO_MANY_COLUMNS).forEach(column -> overCap.add(table + "." + column)));
            if (!overCap.isEmpty()) {
                words.add("the source made more new columns than it may (" + limits.source().newColumnsPerSync() + " per sync, "
                        + limits.source().columnsPerSchema() + " in its schema): " + overCap.size() + " were not created (" + Listing.firstFew(overCap)
                        + ") and their values went to discards with the reason '" + TOO_MANY_COLUMNS + "'. Property names that hold data"
                        + " (ids, dates, e-mail addresses) make a new column each: send such values as property values instead,"
                        + " or drop those properties in the source's filters.");
            }
            List<String> atWarehouseLimit = named(leftOutTables, WAREHOUSE_TABLES);
            if (!atWarehouseLimit.isEmpty()) {
                words.add("the warehouse has the most tables it may have (" + limits.tables() + "): " + atWarehouseLimit.size()
                        + " new tables were not created (" + Listing.firstFew(atWarehouseLimit) + ") and their rows were left out. Drop tables you"
                        + " do not need, or untick event tables in the source's filters.");
            }
            List<String> tablesOverCap = named(leftOutTables, TOO_MANY_TABLES);
            if (!tablesOverCap.isEmpty()) {
                words.add("the source made more new tables than it may (" + limits.source().newTablesPerSync() + " per sync, "
                        + limits.source().tablesPerSchema() + " in its schema): " + tablesOverCap.size() + " were not created ("
                        + Listing.firstFew(tablesOverCap) + ") and their events went to discards with the reason '" + TOO_MANY_TABLES
                        + "'. Event names that hold data (ids, dates, URLs) make a table each: send such values as properties of one event"
                        + " name instead, or block those names in the source's filters.");
            }
            return words;
        }

        private static List<String> named(Map<String, String> reasons, String reason) {
            return reasons.entrySet().stream().filter(entry -> entry.getValue().equals(reason)).map(Map.Entry::getKey).toList();
        }
    }

    /**
     * @param existing          the schema's tables and columns as the warehouse has them (its names)
     * @param tablesInWarehouse tables the warehouse has in all
     * @param physicalName      the warehouse's name for one of ours
     */
    public Fitted fit(BatchSchema batch, Map<String, Map<String, ColumnType>> existing, int tablesInWarehouse, UnaryOperator<String> physicalName) {
        BatchSchema fitted = new BatchSchema();
        Map<String, Map<String, String>> columnsLeftOut = new LinkedHashMap<>();
        Map<String, String> tablesLeftOut = new LinkedHashMap<>();
        int tableCount = tablesInWarehouse;
        int schemaTables = existing.size();
        int schemaColumns = existing.values().stream().mapToInt(Map::size).sum();
        int newTables = 0;
        int newColumns = 0;
        for (Map.Entry<String, Map<String, ColumnType>> table : batch.tables().entrySet()) {
            String physicalTable = physicalName.apply(table.getKey());
            // where values past the caps go: never itself kept out by them
            boolean capped = !table.getKey().equals(Discards.TABLE);
            Map<String, ColumnType> there = existing.get(physicalTable);
            if (there == null) {
                if (tableCount >= tables) {
                    tablesLeftOut.put(physicalTable, Fitted.WAREHOUSE_TABLES);
                    continue;
                }
                if (capped && (newTables >= source.newTablesPerSync() || schemaTables >= source.tablesPerSchema())) {
                    tablesLeftOut.put(physicalTable, TOO_MANY_TABLES);
                    continue;
                }
                tableCount++;
                schemaTables++;
                newTables++;
                there = Map.of();
            }
            int columnCount = there.size();
            Map<String, ColumnType> kept = new LinkedHashMap<>();
            for (Map.Entry<String, ColumnType> column : inLoadingOrder(table.getValue())) {
                String physicalColumn = physicalName.apply(column.getKey());
                boolean needed = ALWAYS_KEPT.contains(column.getKey());
                if (there.containsKey(physicalColumn)) {
                    kept.put(column.getKey(), column.getValue());
                } else if (columnCount >= columnsPerTable && !needed) {
                    columnsLeftOut.computeIfAbsent(physicalTable, name -> new LinkedHashMap<>()).put(physicalColumn, COLUMN_LIMIT);
                } else if (capped && (newColumns >= source.newColumnsPerSync() || schemaColumns >= source.columnsPerSchema()) && !needed) {
                    columnsLeftOut.computeIfAbsent(physicalTable, name -> new LinkedHashMap<>()).put(physicalColumn, TOO_MANY_COLUMNS);
                } else {
                    kept.put(column.getKey(), column.getValue());
                    columnCount++;
                    newColumns++;
                    schemaColumns++;
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
