package io.bigpicture.warehouse;

/** The column types bigPicture loads into; each dialect names them. */
public enum ColumnType {
    BIGINT, DOUBLE_PRECISION, BOOLEAN, TIMESTAMP, VARCHAR,
    /**
     * A JSON document: SUPER on Redshift, json or jsonb on PostgreSQL. bigPicture never makes one;
     * a customer's column of that type takes each value as its JSON text.
     */
    JSON;

    /**
     * The type of a new column that saw both values: the first seen wins, except that whole and
     * fractional numbers together make {@link #DOUBLE_PRECISION}.
     */
    public ColumnType mergedWith(ColumnType later) {
        boolean numbers = (this == BIGINT && later == DOUBLE_PRECISION) || (this == DOUBLE_PRECISION && later == BIGINT);
        return numbers ? DOUBLE_PRECISION : this;
    }
}
