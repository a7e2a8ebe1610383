package io.bigpicture.warehouse.dialect;

import io.bigpicture.warehouse.StandardColumns;
import io.bigpicture.warehouse.TableMerge;
import java.util.ArrayList;
import java.util.List;

/**
 * The loading rule of {@code users} ({@link TableMerge#LATEST_NON_NULL_PER_COLUMN}): a row per
 * user id; each column keeps the latest value sent for it that was not null, so an identify call
 * with some traits leaves the others as they were.
 */
final class LatestNonNullPerColumn {

    private LatestNonNullPerColumn() {
    }

    /**
     * Collapses the staged rows to one per id holding each column's latest non-null value, then
     * updates the target's rows of those ids column by column (the newer value wins unless it is
     * null) and inserts the ids it lacks. Loading the same batch again changes nothing.
     */
    static List<String> statements(SqlDialect dialect, TableLoad load) {
        String target = dialect.qualified(load.schema(), load.table());
        String latest = dialect.quote(dialect.latestTable(load));
        List<String> assignments = new ArrayList<>();
        for (int i = 0; i < load.columns().size(); i++) {
            String column = load.columns().get(i);
            if (column.equals(StandardColumns.ID)) {
                continue;
            }
            String mine = dialect.targetColumn(load, column);
            String theirs = "l." + dialect.quote(column);
            // a staged value replaces the row's only if it is newer than the row's latest identify
            String newer = "l." + dialect.quote(valueTime(i)) + " >= COALESCE(" + dialect.targetColumn(load, StandardColumns.RECEIVED_AT)
                    + ", l." + dialect.quote(valueTime(i)) + ")";
            String value = switch (column) {
                case StandardColumns.RECEIVED_AT -> "CASE WHEN " + theirs + " >= COALESCE(" + mine + ", " + theirs + ") THEN "
                        + theirs + " ELSE " + mine + " END";
                case StandardColumns.UUID_TS -> theirs;
                default -> "CASE WHEN " + newer + " THEN COALESCE(" + theirs + ", " + mine + ") ELSE COALESCE(" + mine + ", " + theirs + ") END";
            };
            assignments.add(dialect.quote(column) + " = " + value);
        }
        String columns = dialect.columnList(load.columns(), "");
        return List.of(
                "DROP TABLE IF EXISTS " + latest,
                collapseToLatestNonNull(dialect, load, latest),
                dialect.updateTarget(load, String.join(", ", assignments)),
                "INSERT INTO " + target + " (" + columns + ") SELECT " + dialect.columnList(load.columns(), "l.") + " FROM " + latest
                        + " AS l WHERE NOT EXISTS (SELECT 1 FROM " + target + " AS t WHERE t." + dialect.quote(StandardColumns.ID)
                        + " = l." + dialect.quote(StandardColumns.ID) + ")",
                "DROP TABLE " + latest);
    }

    /**
     * A temporary table named {@code latest} with one row per staged id: each column its latest
     * non-null value, and beside each column at position i other than the standard ones,
     * {@link #valueTime}(i), the {@code received_at} of that value. Ordering a column's rows by
     * "is null" first puts its latest non-null value first without IGNORE NULLS (which PostgreSQL
     * lacks) and without MAX (which neither takes for booleans).
     */
    private static String collapseToLatestNonNull(SqlDialect dialect, TableLoad load, String latest) {
        String id = dialect.quote(StandardColumns.ID);
        String receivedAt = dialect.quote(StandardColumns.RECEIVED_AT);
        String perId = " OVER (PARTITION BY " + id + ")";
        List<String> collapsed = new ArrayList<>();
        for (int i = 0; i < load.columns().size(); i++) {
            String column = load.columns().get(i);
            String quoted = dialect.quote(column);
            switch (column) {
                case StandardColumns.ID -> collapsed.add(id);
                case StandardColumns.RECEIVED_AT, StandardColumns.UUID_TS -> collapsed.add("MAX(" + quoted + ")" + perId + " AS " + quoted);
                default -> {
                    collapsed.add("FIRST_VALUE(" + quoted + ") OVER (PARTITION BY " + id + " ORDER BY " + quoted + " IS NULL, "
                            + receivedAt + " DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS " + quoted);
                    collapsed.add("MAX(CASE WHEN " + quoted + " IS NOT NULL THEN " + receivedAt + " END)" + perId + " AS " + dialect.quote(valueTime(i)));
                }
            }
        }
        return "CREATE TEMPORARY TABLE " + latest + " AS SELECT DISTINCT " + String.join(", ", collapsed) + " FROM " + dialect.quote(load.stagingTable());
    }

    /** The collapsed table's column with the time of column i's value; short, so it never clashes. */
    private static String valueTime(int columnIndex) {
        return "bp_at_" + columnIndex;
    }
}
