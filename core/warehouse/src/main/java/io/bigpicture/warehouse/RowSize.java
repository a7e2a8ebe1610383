package io.bigpicture.warehouse;

/**
 * What a database lets one row hold besides its columns' own limits, counted value by value as a
 * load file's line is written: a value past it is left out of its row and becomes a
 * {@code discards} row with the reason {@link #REASON}.
 */
public interface RowSize {

    String REASON = "row size";

    /**
     * No limit that our values can reach: a row comes from one event, at most
     * {@code bigpicture.ingest.max-event-bytes} (32 KiB), far below the 4 MB of a Redshift COPY row.
     */
    RowSize UNLIMITED = () -> (type, text) -> true;

    /** A fresh count for one row. */
    Budget newRow();

    /** One row's count so far. */
    interface Budget {
        /** Counts the value, non-null load-file text for a column of this type, if it fits; false, counting nothing, if not. */
        boolean take(ColumnType type, String text);
    }
}
