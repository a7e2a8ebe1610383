package io.bigpicture.warehouse.dialect;

import io.bigpicture.warehouse.ColumnBound;
import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.Identifiers;
import io.bigpicture.warehouse.StandardColumns;
import io.bigpicture.warehouse.TableChange;
import io.bigpicture.warehouse.TableMerge;
import io.bigpicture.warehouse.VarcharLength;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The SQL that PostgreSQL and Redshift share; each subclass overrides what differs. */
public abstract class SqlDialect implements WarehouseDialect {

    private final VarcharLength newText;

    /** @param newText the length of the VARCHAR columns this dialect makes */
    protected SqlDialect(VarcharLength newText) {
        this.newText = newText;
    }

    @Override
    public final String quote(String identifier) {
        return '"' + physicalName(identifier).replace("\"", "\"\"") + '"';
    }

    @Override
    public final String physicalName(String identifier) {
        return Identifiers.shorten(identifier, maxIdentifierLength());
    }

    /** Bytes an identifier may have; our names are ASCII, so also characters. */
    protected int maxIdentifierLength() {
        return Identifiers.MAX_LENGTH;
    }

    protected final String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    @Override
    public String insertRow(String schema, String table, Map<String, ColumnType> columns) {
        return "INSERT INTO " + qualified(schema, table) + " (" + columnList(List.copyOf(columns.keySet()), "") + ") VALUES ("
                + columns.values().stream().map(type -> type == ColumnType.VARCHAR ? "?" : "CAST(? AS " + typeName(type) + ")")
                .collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String deleteById(String schema, String table) {
        return "DELETE FROM " + qualified(schema, table) + " WHERE " + quote(StandardColumns.ID) + " = ?";
    }

    @Override
    public String typeName(ColumnType type) {
        return switch (type) {
            case BIGINT -> "BIGINT";
            case DOUBLE_PRECISION -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP";
            case VARCHAR -> "VARCHAR(" + newText.length() + ")";
            case JSON -> jsonTypeName();
        };
    }

    /** The type of a JSON document column, which bigPicture never makes but loads into. */
    protected abstract String jsonTypeName();

    @Override
    public Optional<ColumnType> columnType(String dataType) {
        return switch (dataType.toLowerCase(java.util.Locale.ROOT)) {
            case "bigint", "integer", "smallint" -> Optional.of(ColumnType.BIGINT);
            case "double precision", "real", "numeric" -> Optional.of(ColumnType.DOUBLE_PRECISION);
            case "boolean" -> Optional.of(ColumnType.BOOLEAN);
            case "timestamp without time zone", "timestamp with time zone", "date" -> Optional.of(ColumnType.TIMESTAMP);
            case "character varying", "text", "character" -> Optional.of(ColumnType.VARCHAR);
            case "super", "json", "jsonb" -> Optional.of(ColumnType.JSON);
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<ColumnBound> columnBound(ExistingColumn column) {
        Integer characterLength = column.characterLength();
        return switch (column.dataType().toLowerCase(java.util.Locale.ROOT)) {
            case "integer" -> Optional.of(new ColumnBound.WholeNumber("integer", Integer.MIN_VALUE, Integer.MAX_VALUE));
            case "smallint" -> Optional.of(new ColumnBound.WholeNumber("smallint", Short.MIN_VALUE, Short.MAX_VALUE));
            // ours too: a column made at another length, or before the warehouse's length changed, keeps its own
            case "character varying", "character" -> characterLength != null && characterLength < VarcharLength.MAX_LENGTH
                    ? Optional.of(new ColumnBound.Text(characterLength, countsTextInBytes())) : Optional.empty();
            // NUMERIC without a precision takes any number
            case "numeric" -> column.numericPrecision() != null && column.numericPrecision() > 0
                    ? Optional.of(new ColumnBound.Decimal(column.numericPrecision(), column.numericScale() == null ? 0 : column.numericScale()))
                    : Optional.empty();
            case "date" -> Optional.of(new ColumnBound.DateOnly());
            default -> Optional.empty();
        };
    }

    /** Whether a VARCHAR's length is in bytes (Redshift) rather than characters (PostgreSQL). */
    protected abstract boolean countsTextInBytes();

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

    /** One column per statement: Redshift takes no more, and PostgreSQL does not mind. */
    protected List<String> addColumns(TableChange.AddColumns add) {
        String table = qualified(add.schema(), add.table());
        List<String> statements = new ArrayList<>();
        statements.add("LOCK TABLE " + table);
        add.columns().forEach((column, type) ->
                statements.add("ALTER TABLE " + table + " ADD COLUMN " + quote(column) + " " + typeName(type)));
        return statements;
    }

    protected final String columnDefinitions(Map<String, ColumnType> columns) {
        return columns.entrySet().stream()
                .map(column -> quote(column.getKey()) + " " + typeName(column.getValue()))
                .collect(Collectors.joining(", "));
    }

    @Override
    public String tableCountQuery() {
        return "SELECT COUNT(*) FROM information_schema.tables WHERE table_type = 'BASE TABLE'";
    }

    @Override
    public String schemasQuery() {
        return "SELECT n.nspname, COUNT(c.oid) FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind = 'r'"
                + " WHERE has_schema_privilege(n.nspname, 'USAGE') GROUP BY n.nspname ORDER BY n.nspname";
    }

    @Override
    public String existingColumnsQuery() {
        return "SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale FROM information_schema.columns"
                + " WHERE table_schema = ? ORDER BY table_name, ordinal_position";
    }

    @Override
    public String createStagingTable(TableLoad load) {
        return "CREATE TEMPORARY TABLE " + quote(load.stagingTable()) + " (LIKE " + qualified(load.schema(), load.table()) + ")";
    }

    @Override
    public List<String> merge(TableLoad load, boolean stagedIdsUnique) {
        return load.merge() == TableMerge.REPLACE_BY_ID ? ReplaceById.statements(this, load, stagedIdsUnique)
                : LatestNonNullPerColumn.statements(this, load);
    }

    /** Deletes the target's rows whose ids are staged: the rows the load replaces (see {@link ReplaceById}). */
    public final String deleteReplacedRows(TableLoad load) {
        return ReplaceById.deleteReplacedRows(this, load);
    }

    /** {@code UPDATE target SET <assignments> FROM latest AS l WHERE <target id> = l.id}, as the database spells it. */
    protected abstract String updateTarget(TableLoad load, String assignments);

    /** How the update names a column of the target row. */
    protected abstract String targetColumn(TableLoad load, String column);

    protected final String latestTable(TableLoad load) {
        return load.stagingTable() + "_latest";
    }

    protected final String columnList(List<String> columns, String prefix) {
        return columns.stream().map(column -> prefix + quote(column)).collect(Collectors.joining(", "));
    }

    @Override
    public String countStaged(TableLoad load) {
        return "SELECT COUNT(*), COUNT(DISTINCT " + quote(StandardColumns.ID) + ") FROM " + quote(load.stagingTable());
    }

    @Override
    public String dropStagingTable(TableLoad load) {
        return "DROP TABLE IF EXISTS " + quote(load.stagingTable());
    }
}
