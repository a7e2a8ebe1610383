package io.bigpicture.warehouse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * What an existing column holds less of than the type bigPicture reads it as: text narrower than
 * {@link VarcharLength#MAX_LENGTH} (ours, and those of tables made by someone else), whole numbers
 * of fewer bytes than BIGINT, numerics of a given precision, dates. Values are fitted to it before
 * they go to a load file, so that the warehouse does not refuse them.
 */
public sealed interface ColumnBound {

    /** A value already fitted to the column's {@link ColumnType}, as load-file text, fitted further to this column. */
    Coerced fit(String text);

    /**
     * VARCHAR(n) or CHAR(n): text is cut on a character boundary.
     *
     * @param inBytes Redshift counts a text's length in UTF-8 bytes, PostgreSQL in characters
     */
    record Text(int length, boolean inBytes) implements ColumnBound {
        @Override
        public Coerced fit(String text) {
            if (inBytes) {
                return new Coerced.Value(Utf8.truncate(text, length));
            }
            return new Coerced.Value(text.length() <= length || text.codePointCount(0, text.length()) <= length ? text
                    : text.substring(0, text.offsetByCodePoints(0, length)));
        }
    }

    /**
     * NUMERIC(precision, scale): a number is rounded to the scale (half up, as the database would)
     * and discarded when its whole part has more digits than the column leaves it.
     */
    record Decimal(int precision, int scale) implements ColumnBound {
        @Override
        public Coerced fit(String text) {
            BigDecimal rounded = new BigDecimal(text).setScale(scale, RoundingMode.HALF_UP);
            if (rounded.precision() - rounded.scale() > precision - scale) {
                return new Coerced.Discarded("a number out of range for a numeric(" + precision + "," + scale + ") column");
            }
            return new Coerced.Value(rounded.toPlainString());
        }
    }

    /** DATE: the day of a date-time, in UTC as every timestamp bigPicture loads. */
    record DateOnly() implements ColumnBound {
        @Override
        public Coerced fit(String timestamp) {
            return new Coerced.Value(timestamp.substring(0, "uuuu-MM-dd".length()));
        }
    }

    /** INTEGER or SMALLINT: a whole number outside its range is discarded. */
    record WholeNumber(String typeName, long min, long max) implements ColumnBound {
        @Override
        public Coerced fit(String text) {
            long number = Long.parseLong(text);
            return number >= min && number <= max ? new Coerced.Value(text)
                    : new Coerced.Discarded("a whole number out of range for " + (typeName.toLowerCase(Locale.ROOT).startsWith("i") ? "an " : "a ")
                    + typeName.toLowerCase(Locale.ROOT) + " column");
        }
    }
}
