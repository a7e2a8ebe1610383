package io.bigpicture.warehouse.dialect;

import io.bigpicture.warehouse.ColumnBound;
import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.RowSize;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.TableChange;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL text of one kind of warehouse, as whole statements. Every identifier goes through
 * {@link #quote}; no statement here carries a value, except as a bind parameter.
 */
public interface WarehouseDialect {

    /** Quotes the name the database knows the identifier by (see {@link #physicalName}). */
    String quote(String identifier);

    /** Our name for a table or column as this database stores it: shortened where it allows fewer bytes. */
    String physicalName(String identifier);

    String typeName(ColumnType type);

    String createSchema(String schema);

    /** The statements of one change, to run in one transaction; they lock the table they alter. */
    List<String> apply(TableChange change);

    /**
     * The columns of every table in a schema: one bind parameter (the schema); rows of
     * {@code table_name, column_name, data_type, character_maximum_length}.
     */
    String existingColumnsQuery();

    /** The most columns a table and tables a warehouse of this kind may have. */
    SchemaLimits limits();

    /** What one row may hold in all. */
    RowSize rowSize();

    /** One row, one column: how many tables the database has in all, in every schema. */
    String tableCountQuery();

    /** Each schema the session's user may use, and how many tables it holds: name, count. */
    String schemasQuery();

    /** The type bigPicture reads an existing column as, from its {@code information_schema} data type. */
    Optional<ColumnType> columnType(String dataType);

    /** What an existing column holds less of than the type it is read as (a table someone else made). */
    Optional<ColumnBound> columnBound(ExistingColumn column);

    String createStagingTable(TableLoad load);

    /**
     * Moves the staged rows into the target as the table's merge says; run in one transaction.
     * {@code stagedIdsUnique} (see {@link #countStaged}) spares the de-duplication.
     */
    List<String> merge(TableLoad load, boolean stagedIdsUnique);

    /** Rows staged and distinct ids staged; the latter is what the load puts in its table. */
    String countStaged(TableLoad load);

    String dropStagingTable(TableLoad load);

    /** One row of these columns, a bind parameter each, bound as text (cast in the statement where the type needs it). */
    String insertRow(String schema, String table, Map<String, ColumnType> columns);

    /** Deletes the rows of one id, the one bind parameter. */
    String deleteById(String schema, String table);
}
