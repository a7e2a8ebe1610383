package io.bigpicture.warehouse;

/** The column types bigPicture creates; each dialect names them. */
public enum ColumnType {
    BIGINT, DOUBLE_PRECISION, BOOLEAN, TIMESTAMP, VARCHAR;

    /** Strings are cut to this many UTF-8 bytes: Redshift's VARCHAR counts bytes. */
    public static final int VARCHAR_BYTES = 512;

    /**
     * The type of a new column that saw both values: the first seen wins, except that whole and
     * fractional numbers together make {@link #DOUBLE_PRECISION}.
     */
    public ColumnType mergedWith(ColumnType later) {
        boolean numbers = (this == BIGINT && later == DOUBLE_PRECISION) || (this == DOUBLE_PRECISION && later == BIGINT);
        return numbers ? DOUBLE_PRECISION : this;
    }
}
