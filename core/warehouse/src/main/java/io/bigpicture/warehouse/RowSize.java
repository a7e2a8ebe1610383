package io.bigpicture.warehouse;

/**
 * What a database lets one row hold besides its columns' own limits, counted value by value as a
 * load file's line is written: a value past it is left out of its row and becomes a
 * {@code discards} row with the reason {@link #REASON}.
 */
public interface RowSize {

    String REASON = "row size";

    /** No limit that our values can reach: Redshift's row of 4 MB holds 1 600 columns of {@link ColumnType#VARCHAR_BYTES}. */
    RowSize UNLIMITED = () -> (type, text) -> true;

    /** A fresh count for one row. */
    Budget newRow();

    /** One row's count so far. */
    interface Budget {
        /** Counts the value, non-null load-file text for a column of this type, if it fits; false, counting nothing, if not. */
        boolean take(ColumnType type, String text);
    }
}
