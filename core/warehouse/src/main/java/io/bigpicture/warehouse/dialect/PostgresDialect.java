package io.bigpicture.warehouse.dialect;

import io.bigpicture.warehouse.RowSize;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.StandardColumns;
import io.bigpicture.warehouse.TableChange;
import java.util.List;

/** PostgreSQL: the shared SQL, an index on {@code id} for the merge, and {@code COPY ... FROM STDIN}. */
public final class PostgresDialect extends SqlDialect {

    @Override
    protected boolean countsTextInBytes() {
        return false;
    }

    @Override
    public RowSize rowSize() {
        return RowSize.POSTGRES;
    }

    @Override
    public SchemaLimits limits() {
        return SchemaLimits.POSTGRES;
    }


    /** PostgreSQL cuts identifiers at 63 bytes (NAMEDATALEN - 1) without a word: ours are shortened first. */
    private static final int MAX_IDENTIFIER_LENGTH = 63;

    @Override
    protected int maxIdentifierLength() {
        return MAX_IDENTIFIER_LENGTH;
    }

    @Override
    protected List<String> createTable(TableChange.CreateTable create) {
        return List.of(
                super.createTable(create).get(0),
                // unnamed: PostgreSQL picks a name that cannot clash within the schema
                "CREATE INDEX ON " + qualified(create.schema(), create.table()) + " (" + quote(StandardColumns.ID) + ")");
    }

    @Override
    protected String updateTarget(TableLoad load, String assignments) {
        return "UPDATE " + qualified(load.schema(), load.table()) + " AS t SET " + assignments + " FROM " + quote(latestTable(load))
                + " AS l WHERE t." + quote(StandardColumns.ID) + " = l." + quote(StandardColumns.ID);
    }

    @Override
    protected String targetColumn(TableLoad load, String column) {
        return "t." + quote(column);
    }

    /** Load files are CSV in which an empty unquoted field is NULL. */
    public String copyIntoStagingFromStdin(TableLoad load) {
        return "COPY " + quote(load.stagingTable()) + " (" + columnList(load.columns(), "") + ") FROM STDIN WITH (FORMAT csv)";
    }

    /**
     * The staging table of the direct path: the target's id column only, without the constraints
     * (a NOT NULL of a table made by someone else) that only whole rows can meet.
     */
    public String createIdStagingTable(TableLoad load) {
        return "CREATE TEMPORARY TABLE " + quote(load.stagingTable()) + " AS SELECT " + quote(StandardColumns.ID) + " FROM "
                + qualified(load.schema(), load.table()) + " WITH NO DATA";
    }

    /**
     * The direct load of a table whose rows replace by id, when the load files hold each id once:
     * only the ids are staged (from a CSV file of ids, into {@link #createIdStagingTable}), the
     * target's rows of those ids deleted ({@link #deleteReplacedRows}) and the files copied straight
     * into the target. The rows are copied once, not staged and copied again.
     */
    public String copyIdsIntoStagingFromStdin(TableLoad load) {
        return "COPY " + quote(load.stagingTable()) + " (" + quote(StandardColumns.ID) + ") FROM STDIN WITH (FORMAT csv)";
    }

    /** See {@link #copyIdsIntoStagingFromStdin}. */
    public String copyIntoTableFromStdin(TableLoad load) {
        return "COPY " + qualified(load.schema(), load.table()) + " (" + columnList(load.columns(), "") + ") FROM STDIN WITH (FORMAT csv)";
    }
}
