package io.bigpicture.warehouse.dialect;

import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.StandardColumns;
import io.bigpicture.warehouse.TableChange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The SQL that PostgreSQL and Redshift share; each subclass overrides what differs. */
public abstract class SqlDialect implements WarehouseDialect {

    @Override
    public final String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    protected final String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    @Override
    public String typeName(ColumnType type) {
        return switch (type) {
            case BIGINT -> "BIGINT";
            case DOUBLE_PRECISION -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP";
            case VARCHAR -> "VARCHAR(" + ColumnType.VARCHAR_BYTES + ")";
        };
    }

    @Override
    public Optional<ColumnType> columnType(String dataType) {
        return switch (dataType.toLowerCase(java.util.Locale.ROOT)) {
            case "bigint", "integer", "smallint" -> Optional.of(ColumnType.BIGINT);
            case "double precision", "real", "numeric" -> Optional.of(ColumnType.DOUBLE_PRECISION);
            case "boolean" -> Optional.of(ColumnType.BOOLEAN);
            case "timestamp without time zone", "timestamp with time zone" -> Optional.of(ColumnType.TIMESTAMP);
            case "character varying", "text", "character" -> Optional.of(ColumnType.VARCHAR);
            default -> Optional.empty();
        };
    }

    @Override
    public String createSchema(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + quote(schema);
    }

    @Override
    public List<String> apply(TableChange change) {
        if (change instanceof TableChange.CreateTable create) {
            return createTable(create);
        }
        return addColumns((TableChange.AddColumns) change);
    }

    protected List<String> createTable(TableChange.CreateTable create) {
        return List.of("CREATE TABLE " + qualified(create.schema(), create.table()) + " (" + columnDefinitions(create.columns()) + ")");
    }

    protected List<String> addColumns(TableChange.AddColumns add) {
        String table = qualified(add.schema(), add.table());
        String columns = add.columns().entrySet().stream()
                .map(column -> "ADD COLUMN " + quote(column.getKey()) + " " + typeName(column.getValue()))
                .collect(Collectors.joining(", "));
        return List.of("LOCK TABLE " + table, "ALTER TABLE " + table + " " + columns);
    }

    protected final String columnDefinitions(Map<String, ColumnType> columns) {
        return columns.entrySet().stream()
                .map(column -> quote(column.getKey()) + " " + typeName(column.getValue()))
                .collect(Collectors.joining(", "));
    }

    @Override
    public String existingColumnsQuery() {
        return "SELECT table_name, column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ? ORDER BY table_name, ordinal_position";
    }

    @Override
    public String createStagingTable(TableLoad load) {
        return "CREATE TEMPORARY TABLE " + quote(load.stagingTable()) + " (LIKE " + qualified(load.schema(), load.table()) + ")";
    }

    @Override
    public Merge merge(TableLoad load) {
        String target = qualified(load.schema(), load.table());
        String staging = quote(load.stagingTable());
        String id = quote(StandardColumns.ID);
        String columns = load.columns().stream().map(this::quote).collect(Collectors.joining(", "));
        return new Merge(
                "DELETE FROM " + target + " USING " + staging + " WHERE " + target + "." + id + " = " + staging + "." + id,
                "INSERT INTO " + target + " (" + columns + ") SELECT " + columns + " FROM (SELECT " + columns
                        + ", ROW_NUMBER() OVER (PARTITION BY " + id + " ORDER BY " + quote(StandardColumns.RECEIVED_AT)
                        + " DESC) AS " + quote("bp_row") + " FROM " + staging + ") AS " + quote("latest")
                        + " WHERE " + quote("bp_row") + " = 1");
    }

    @Override
    public String dropStagingTable(TableLoad load) {
        return "DROP TABLE IF EXISTS " + quote(load.stagingTable());
    }
}
