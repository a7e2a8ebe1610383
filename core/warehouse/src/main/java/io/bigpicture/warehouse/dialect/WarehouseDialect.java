package io.bigpicture.warehouse.dialect;

import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.TableChange;
import java.util.List;
import java.util.Optional;

/**
 * The SQL text of one kind of warehouse, as whole statements. Every identifier goes through
 * {@link #quote}; no statement here carries a value, except as a bind parameter.
 */
public interface WarehouseDialect {

    String quote(String identifier);

    String typeName(ColumnType type);

    String createSchema(String schema);

    /** The statements of one change, to run in one transaction; they lock the table they alter. */
    List<String> apply(TableChange change);

    /**
     * The columns of every table in a schema: one bind parameter (the schema); rows of
     * {@code table_name, column_name, data_type}.
     */
    String existingColumnsQuery();

    /** The type bigPicture reads an existing column as, from its {@code information_schema} data type. */
    Optional<ColumnType> columnType(String dataType);

    String createStagingTable(TableLoad load);

    /** Replaces the target's rows by the staged ones, one per id; both statements in one transaction. */
    Merge merge(TableLoad load);

    record Merge(String deleteReplaced, String insertLatest) {
    }

    String dropStagingTable(TableLoad load);
}
