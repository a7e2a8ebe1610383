package io.bigpicture.warehouse.dialect;

import io.bigpicture.warehouse.StandardColumns;
import io.bigpicture.warehouse.TableMerge;
import java.util.List;

/**
 * The loading rule of event tables ({@link TableMerge#REPLACE_BY_ID}): a row per message id; a
 * message sent again (a client library's retry, a replayed file) replaces the row loaded before,
 * and of one id staged twice the latest by {@code received_at} is kept.
 */
final class ReplaceById {

    private ReplaceById() {
    }

    /** Deletes the target's rows of the staged ids, then inserts the latest staged row per id. */
    static List<String> statements(SqlDialect dialect, TableLoad load, boolean stagedIdsUnique) {
        String target = dialect.qualified(load.schema(), load.table());
        String staging = dialect.quote(load.stagingTable());
        String id = dialect.quote(StandardColumns.ID);
        String columns = dialect.columnList(load.columns(), "");
        String delete = deleteReplacedRows(dialect, load);
        if (stagedIdsUnique) {
            return List.of(delete, "INSERT INTO " + target + " (" + columns + ") SELECT " + columns + " FROM " + staging);
        }
        return List.of(
                delete,
                "INSERT INTO " + target + " (" + columns + ") SELECT " + columns + " FROM (SELECT " + columns
                        + ", ROW_NUMBER() OVER (PARTITION BY " + id + " ORDER BY " + dialect.quote(StandardColumns.RECEIVED_AT)
                        + " DESC) AS " + dialect.quote("bp_row") + " FROM " + staging + ") AS " + dialect.quote("latest")
                        + " WHERE " + dialect.quote("bp_row") + " = 1");
    }

    /** Deletes the target's rows whose ids are staged: the rows the load replaces. */
    static String deleteReplacedRows(SqlDialect dialect, TableLoad load) {
        String target = dialect.qualified(load.schema(), load.table());
        String staging = dialect.quote(load.stagingTable());
        String id = dialect.quote(StandardColumns.ID);
        return "DELETE FROM " + target + " USING " + staging + " WHERE " + target + "." + id + " = " + staging + "." + id;
    }
}
