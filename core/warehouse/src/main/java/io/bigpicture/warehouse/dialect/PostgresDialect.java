package io.bigpicture.warehouse.dialect;

import io.bigpicture.warehouse.StandardColumns;
import io.bigpicture.warehouse.TableChange;
import java.util.List;
import java.util.stream.Collectors;

/** PostgreSQL: the shared SQL, an index on {@code id} for the merge, and {@code COPY ... FROM STDIN}. */
public final class PostgresDialect extends SqlDialect {

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
    public String copyFromStdin(TableLoad load) {
        String columns = load.columns().stream().map(this::quote).collect(Collectors.joining(", "));
        return "COPY " + quote(load.stagingTable()) + " (" + columns + ") FROM STDIN WITH (FORMAT csv)";
    }
}
