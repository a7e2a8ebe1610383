package io.bigpicture.warehouse;

/** How a table takes a batch's rows. */
public enum TableMerge {

    /** Events: a row per id; a row sent again replaces the one loaded before. */
    REPLACE_BY_ID,

    /** {@code users}: a row per user; each column keeps the latest value that was not null. */
    LATEST_NON_NULL_PER_COLUMN;

    public static TableMerge of(String table) {
        return table.equals(TableNamer.USERS) ? LATEST_NON_NULL_PER_COLUMN : REPLACE_BY_ID;
    }
}
