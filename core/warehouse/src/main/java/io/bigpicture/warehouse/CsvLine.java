package io.bigpicture.warehouse;

import java.util.List;

/**
 * One line of a load file: CSV with every value quoted, so that an empty unquoted field can mean
 * NULL and a quoted empty one the empty string (how both PostgreSQL and Redshift COPY read CSV).
 */
public final class CsvLine {

    private CsvLine() {
    }

    /** {@code values} may hold nulls. The line ends with a newline. */
    public static String of(List<String> values) {
        StringBuilder line = new StringBuilder(64 * values.size());
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = values.get(i);
            if (value != null) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            }
        }
        return line.append('\n').toString();
    }
}
