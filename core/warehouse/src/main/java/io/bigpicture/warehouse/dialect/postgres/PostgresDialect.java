package io.bigpicture.warehouse.dialect.postgres;

import io.bigpicture.warehouse.RowSize;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.StandardColumns;
import io.bigpicture.warehouse.TableChange;
import io.bigpicture.warehouse.VarcharLength;
import io.bigpicture.warehouse.dialect.CopyFromStdin;
import io.bigpicture.warehouse.dialect.SqlDialect;
import io.bigpicture.warehouse.dialect.TableLoad;
import java.util.List;

/** PostgreSQL: the shared SQL, an index on {@code id} for the merge, and {@code COPY ... FROM STDIN}. */
public final class PostgresDialect extends SqlDialect implements CopyFromStdin {

    /** 1 600 columns per table; no limit on tables worth checking. */
    private static final SchemaLimits LIMITS = new SchemaLimits(SchemaLimits.DATABASE_COLUMNS - SchemaLimits.MARGIN, Integer.MAX_VALUE);
    private static final RowSize ROW_SIZE = new PostgresRowSize();
    /** PostgreSQL cuts identifiers at 63 bytes (NAMEDATALEN - 1) without a word: ours are shortened first. */
    private static final int MAX_IDENTIFIER_LENGTH = 63;

    /** New text columns of the default length. */
    public PostgresDialect() {
        this(VarcharLength.DEFAULT);
    }

    public PostgresDialect(VarcharLength newText) {
        super(newText);
    }

    @Override
    protected boolean countsTextInBytes() {
        return false;
    }

    @Override
    protected String jsonTypeName() {
        return "JSONB";
    }

    @Override
    public RowSize rowSize() {
        return ROW_SIZE;
    }

    @Override
    public SchemaLimits limits() {
        return LIMITS;
    }

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

    @Override
    public String lockTarget(TableLoad load) {
        return "LOCK TABLE " + qualified(load.schema(), load.table()) + " IN SHARE ROW EXCLUSIVE MODE";
    }

    @Override
    public String copyIntoStagingFromStdin(TableLoad load) {
        return "COPY " + quote(load.stagingTable()) + " (" + columnList(load.columns(), "") + ") FROM STDIN WITH (FORMAT csv)";
    }

    @Override
    public String createIdStagingTable(TableLoad load) {
        return "CREATE TEMPORARY TABLE " + quote(load.stagingTable()) + " AS SELECT " + quote(StandardColumns.ID) + " FROM "
                + qualified(load.schema(), load.table()) + " WITH NO DATA";
    }

    @Override
    public String copyIdsIntoStagingFromStdin(TableLoad load) {
        return "COPY " + quote(load.stagingTable()) + " (" + quote(StandardColumns.ID) + ") FROM STDIN WITH (FORMAT csv)";
    }

    @Override
    public String copyIntoTableFromStdin(TableLoad load) {
        return "COPY " + qualified(load.schema(), load.table()) + " (" + columnList(load.columns(), "") + ") FROM STDIN WITH (FORMAT csv)";
    }
}
