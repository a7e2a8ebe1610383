package io.bigpicture.redshift.emulator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns a COPY fills, in the order of its records' fields, with what Redshift checks of a
 * value that PostgreSQL would not: a NOT NULL, and the width of a CHAR or VARCHAR in bytes (where
 * PostgreSQL counts characters).
 */
record CopyTarget(List<Column> columns) {

    /** A column; {@code maxBytes} is -1 where the type has no width. */
    record Column(String name, boolean notNull, int maxBytes) {
    }

    /** No column known: every record passes to PostgreSQL unchecked. */
    static final CopyTarget UNKNOWN = new CopyTarget(List.of());

    CopyTarget {
        columns = List.copyOf(columns);
    }

    /** The column of the record's field at {@code index}, or null past the known ones. */
    Column column(int index) {
        return index < columns.size() ? columns.get(index) : null;
    }

    /**
     * Reads the columns of {@code table} from PostgreSQL's catalog on a connection of its own,
     * which sees only what is committed: a temporary table made {@code LIKE} another is looked up
     * as that other one (see {@link #likeSource}).
     *
     * @param listed the COPY's column list; empty for all the table's columns in order
     */
    static CopyTarget lookUp(String host, int port, String database, String catalogUser, String table, List<String> listed)
            throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", catalogUser);
        login.setProperty("connectTimeout", "10");
        login.setProperty("socketTimeout", "30");
        String sql = """
                SELECT a.attname, a.attnotnull,
                       CASE WHEN a.atttypid IN ('varchar'::regtype, 'bpchar'::regtype) AND a.atttypmod > 4 THEN a.atttypmod - 4 ELSE -1 END
                FROM pg_attribute a
                WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""";
        List<Column> all = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, login);
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    all.add(new Column(rows.getString(1), rows.getBoolean(2), rows.getInt(3)));
                }
            }
        }
        if (listed.isEmpty()) {
            return new CopyTarget(all);
        }
        List<Column> inOrder = new ArrayList<>();
        for (String name : listed) {
            String wanted = unquoted(name);
            inOrder.add(all.stream().filter(column -> column.name().equals(wanted)).findFirst()
                    .orElse(new Column(wanted, false, -1)));
        }
        return new CopyTarget(inOrder);
    }

    private static final Pattern CREATE_TEMPORARY_LIKE = Pattern.compile(
            "\\s*CREATE\\s+TEMP(?:ORARY)?\\s+TABLE\\s+(\"(?:[^\"]|\"\")+\"|\\w+)\\s*\\(\\s*LIKE\\s+([^()\\s]+)\\s*\\)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);

    /** For {@code CREATE TEMPORARY TABLE t (LIKE s)}: t (as the catalog names it) and s (as written). */
    static Optional<Map.Entry<String, String>> likeSource(String sql) {
        Matcher create = CREATE_TEMPORARY_LIKE.matcher(sql);
        return create.matches() ? Optional.of(Map.entry(unquoted(create.group(1)), create.group(2))) : Optional.empty();
    }

    /** The last part of a possibly qualified, possibly quoted table name, as the catalog keeps it. */
    static String unqualified(String table) {
        int dot = -1;
        boolean quoted = false;
        for (int i = 0; i < table.length(); i++) {
            char c = table.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                dot = i;
            }
        }
        return unquoted(table.substring(dot + 1).trim());
    }

    /** A quoted name without its quotes; an unquoted one folded to lower case, as PostgreSQL does. */
    static String unquoted(String name) {
        String trimmed = name.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("\"\"", "\"");
        }
        return trimmed.toLowerCase(java.util.Locale.ROOT);
    }
}
