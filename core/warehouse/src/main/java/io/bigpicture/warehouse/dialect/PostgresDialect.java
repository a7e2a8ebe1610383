package io.bigpicture.warehouse.dialect;

import io.bigpicture.warehouse.StandardColumns;
import io.bigpicture.warehouse.TableChange;
import java.util.List;
import java.util.stream.Collectors;

/** PostgreSQL: the shared SQL, an index on {@code id} for the merge, and {@code COPY ... FROM STDIN}. */
public final class PostgresDialect extends SqlDialect {

    @Override
    protected List<String> createTable(TableChange.CreateTable create) {
        return List.of(
                super.createTable(create).get(0),
                // unnamed: PostgreSQL picks a name that cannot clash within the schema
                "CREATE INDEX ON " + qualified(create.schema(), create.table()) + " (" + quote(StandardColumns.ID) + ")");
    }

    @Override
    protected String collapseToLatestNonNull(TableLoad load, String latest) {
        String receivedAt = quote(StandardColumns.RECEIVED_AT);
        List<String> columns = new java.util.ArrayList<>();
        for (int i = 0; i < load.columns().size(); i++) {
            String column = load.columns().get(i);
            String quoted = quote(column);
            switch (column) {
                case StandardColumns.ID -> columns.add(quoted);
                case StandardColumns.RECEIVED_AT, StandardColumns.UUID_TS -> columns.add("MAX(" + quoted + ") AS " + quoted);
                default -> {
                    columns.add("(ARRAY_AGG(" + quoted + " ORDER BY " + receivedAt + " DESC) FILTER (WHERE " + quoted + " IS NOT NULL))[1] AS " + quoted);
                    columns.add("MAX(" + receivedAt + ") FILTER (WHERE " + quoted + " IS NOT NULL) AS " + quote(valueTime(i)));
                }
            }
        }
        return "CREATE TEMPORARY TABLE " + latest + " AS SELECT " + String.join(", ", columns) + " FROM "
                + quote(load.stagingTable()) + " GROUP BY " + quote(StandardColumns.ID);
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
