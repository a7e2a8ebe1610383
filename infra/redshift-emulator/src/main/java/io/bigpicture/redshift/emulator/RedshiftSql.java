package io.bigpicture.redshift.emulator;

import io.bigpicture.redshift.emulator.SqlLexer.Kind;
import io.bigpicture.redshift.emulator.SqlLexer.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the emulator does to the SQL a client sends, all rules in one place. Words are matched
 * outside literals, quoted identifiers and comments, in any case.
 *
 * <ol>
 * <li><b>COPY</b>: a {@link S3CopyCommand} becomes {@code COPY ... FROM STDIN}, and the emulator
 * streams the files in; any other COPY is refused.</li>
 * <li><b>Removed</b> from {@code CREATE [TEMP] TABLE}, as they only place and compress data:
 * {@code DISTSTYLE ALL|EVEN|KEY|AUTO}, {@code DISTKEY (col)}, {@code [COMPOUND|INTERLEAVED]
 * SORTKEY (cols)}, {@code SORTKEY AUTO}, and the column attributes {@code DISTKEY},
 * {@code SORTKEY} and {@code ENCODE x}.</li>
 * <li><b>Typed</b>: the type {@code SUPER} becomes PostgreSQL's {@code jsonb}, which takes COPY's
 * JSON text and refuses what is not JSON as SUPER does; the catalog views below name it
 * {@code super} again (the client cannot make a jsonb column of its own: {@link #POSTGRES_ONLY}),
 * and {@code JSON_SERIALIZE(x)} becomes {@code CONCAT(x)}, the value's text.</li>
 * <li><b>Answered</b>: {@code SVV_COLUMNS} and {@code PG_TABLE_DEF} become subqueries of PostgreSQL's
 * catalog with Redshift's columns (PG_TABLE_DEF: the search path's tables only, as there); the system table {@code STV_SLICES} becomes a subquery of as many slices
 * (one node, {@code node} 0, {@code slice} and {@code localslice} 0 to n-1) as the emulator was
 * started with, so that a client sees a cluster of several slices; {@code STL_LOAD_ERRORS} a
 * subquery of the rows the session's COPYs left out, and {@code PG_LAST_COPY_ID()} and
 * {@code PG_LAST_COPY_COUNT()} the session's last COPY (see {@link LoadHistory}).</li>
 * <li><b>Refused</b> with SQLSTATE 0A000 naming the construct: {@link #REFUSED} and
 * {@link #REFUSED_RELATION_PREFIXES} (other than STV_SLICES). PostgreSQL would run a few of them with another meaning
 * (DECODE) and reject the others with a syntax error or "function does not exist", which hides
 * which Redshift feature was used.</li>
 * <li><b>Refused</b> likewise: PostgreSQL syntax Redshift does not have ({@link #POSTGRES_ONLY}, an
 * alias on UPDATE's target, more than one ADD in one ALTER TABLE), which PostgreSQL would run.</li>
 * <li>Everything else passes unchanged.</li>
 * </ol>
 */
final class RedshiftSql {

    /**
     * Redshift-only syntax the emulator refuses, as token patterns: a word, {@code (} for an
     * opening parenthesis (so {@code GETDATE (} is a call), or {@code *} for any word.
     */
    static final List<String> REFUSED = List.of(
            "UNLOAD",
            "IGNORE NULLS", "RESPECT NULLS",
            "APPROXIMATE",
            // outside CREATE TABLE: ALTER DISTSTYLE / DISTKEY / SORTKEY / ENCODE and the like
            "DISTSTYLE", "DISTKEY", "SORTKEY", "ENCODE *",
            "BACKUP NO", "BACKUP YES",
            "HLLSKETCH", "VARBYTE",
            "SYSDATE", "GETDATE (", "LISTAGG (", "NVL (", "NVL2 (", "DECODE (", "DATEADD (", "DATEDIFF (",
            "CONVERT_TIMEZONE (", "MEDIAN (", "LEN (", "CHARINDEX (", "STRTOL (", "RATIO_TO_REPORT (",
            "JSON_PARSE (", "IS_VALID_JSON (", "SPLIT_TO_ARRAY (",
            "PG_LAST_QUERY_ID (",
            "SELECT TOP", "SELECT DISTINCT TOP",
            "CREATE EXTERNAL", "CREATE LIBRARY", "CREATE DATASHARE", "ANALYZE COMPRESSION",
            "NO SCHEMA BINDING");

    /**
     * PostgreSQL syntax Redshift lacks, as token patterns like {@link #REFUSED}'s ({@code [} for an
     * opening bracket): upserts, RETURNING, indexes, JSONB and arrays, ADD COLUMN IF NOT EXISTS.
     */
    static final List<String> POSTGRES_ONLY = List.of(
            "ON CONFLICT", "RETURNING", "CREATE INDEX", "CREATE UNIQUE INDEX", "JSONB", "ARRAY", "[",
            "ADD COLUMN IF NOT EXISTS", "ADD IF NOT EXISTS");

    /** Redshift's system tables and views (STL_LOAD_ERRORS, SVV_TABLE_INFO, ...), refused too. */
    static final List<String> REFUSED_RELATION_PREFIXES = List.of("STL_", "STV_", "SVL_", "SVV_", "SVCS_");

    /** The system tables the emulator answers itself, when named unqualified. */
    static final String SLICES_RELATION = "STV_SLICES";
    static final String LOAD_ERRORS_RELATION = "STL_LOAD_ERRORS";
    /** Serverless's view of the same rows (provisioned clusters have it too). */
    static final String LOAD_ERROR_DETAIL_RELATION = "SYS_LOAD_ERROR_DETAIL";
    /** Every column of every table and view, with information_schema.columns' columns, in every schema. */
    static final String COLUMNS_RELATION = "SVV_COLUMNS";
    /** The columns of the tables in the session's search path, their types written out ("character varying(256)"). */
    static final String TABLE_DEF_RELATION = "PG_TABLE_DEF";

    /** Redshift's type of JSON documents, played by PostgreSQL's jsonb. */
    static final String SUPER = "SUPER";
    /** A SUPER value's JSON text. */
    static final String JSON_SERIALIZE = "JSON_SERIALIZE";

    /** Slices of the emulated cluster unless told otherwise: more than one, as on a real cluster. */
    static final int DEFAULT_SLICES = 4;
    /** In place of a slice count: a Serverless workgroup, which has no STV tables, STV_SLICES included. */
    static final int SERVERLESS = 0;

    /** Words after a relation that begin the next clause, not an alias of the relation. */
    private static final Set<String> AFTER_RELATION = Set.of("WHERE", "GROUP", "ORDER", "LIMIT", "OFFSET", "HAVING", "WINDOW",
            "UNION", "INTERSECT", "EXCEPT", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "ON", "USING", "FETCH",
            "FOR", "RETURNING", "SET", "TABLESAMPLE", "QUALIFY");

    private static final List<List<String>> REFUSED_PATTERNS = REFUSED.stream()
            .map(pattern -> Arrays.asList(pattern.split(" ")))
            .collect(Collectors.toUnmodifiableList());
    private static final List<List<String>> POSTGRES_ONLY_PATTERNS = POSTGRES_ONLY.stream()
            .map(pattern -> Arrays.asList(pattern.split(" ")))
            .collect(Collectors.toUnmodifiableList());

    /** SQL to send PostgreSQL in place of the client's, and the S3 copies it starts, in order. */
    record Rewrite(String sql, List<S3CopyCommand> copies) {
    }

    private RedshiftSql() {
    }

    /** {@link #rewrite(String, int)} for a cluster of {@link #DEFAULT_SLICES} slices. */
    static Rewrite rewrite(String sql) throws UnsupportedRedshiftSql {
        return rewrite(sql, DEFAULT_SLICES);
    }

    /** {@link #rewrite(String, int, LoadHistory)} for a session that has run no COPY. */
    static Rewrite rewrite(String sql, int slices) throws UnsupportedRedshiftSql {
        return rewrite(sql, slices, new LoadHistory());
    }

    /**
     * Rewrites every statement of the text, or refuses it whole if one statement is refused:
     * PostgreSQL, like Redshift, parses all statements of a Query before it runs any.
     *
     * @param slices  how many rows STV_SLICES has, or {@link #SERVERLESS}
     * @param history what STL_LOAD_ERRORS and the last COPY's functions answer
     */
    static Rewrite rewrite(String sql, int slices, LoadHistory history) throws UnsupportedRedshiftSql {
        List<S3CopyCommand> copies = new ArrayList<>();
        StringBuilder rewritten = new StringBuilder();
        List<Token> statement = new ArrayList<>();
        for (Token token : SqlLexer.tokenize(sql)) {
            if (token.isSymbol(';')) {
                rewritten.append(rewriteStatement(statement, copies, slices, history)).append(';');
                statement.clear();
            } else {
                statement.add(token);
            }
        }
        rewritten.append(rewriteStatement(statement, copies, slices, history));
        return new Rewrite(rewritten.toString(), List.copyOf(copies));
    }

    /**
     * A statement that fails with SQLSTATE 0A000 and the refusal's message when PostgreSQL runs
     * it, so the error reaches the client in its place in the protocol and aborts the transaction,
     * as the same error from Redshift would.
     */
    static String refusal(UnsupportedRedshiftSql refused) {
        String message = refused.getMessage().replace("'", "''").replace("$", "");
        return "DO $refusal$ BEGIN RAISE EXCEPTION USING ERRCODE = 'feature_not_supported', MESSAGE = '"
                + message + "'; END $refusal$";
    }

    private static String rewriteStatement(List<Token> tokens, List<S3CopyCommand> copies, int slices, LoadHistory history)
            throws UnsupportedRedshiftSql {
        List<Token> significant = tokens.stream().filter(Token::significant).collect(Collectors.toList());
        if (S3CopyCommand.isCopy(significant)) {
            S3CopyCommand copy = S3CopyCommand.parse(significant);
            copies.add(copy);
            return leadingSpace(tokens) + copy.postgresSql();
        }
        List<Token> kept = isCreateTable(significant) ? withoutPlacementAttributes(tokens) : tokens;
        List<Token> significantKept = kept.stream().filter(Token::significant).collect(Collectors.toList());
        refuseRedshiftOnly(significantKept, slices);
        refusePostgresOnly(significantKept);
        return withSystemAnswered(kept, slices, history);
    }

    /**
     * The statement's text with each unqualified STV_SLICES or STL_LOAD_ERRORS relation replaced
     * by a subquery of its rows, aliased as the table unless the statement gives an alias of its
     * own (a column reference {@code stv_slices.slice} names the alias and stays as it is), and
     * each call of the last COPY's functions by its value.
     */
    private static String withSystemAnswered(List<Token> tokens, int slices, LoadHistory history) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            int call = emptyCallEnd(tokens, i);
            if (call > i && token.isWord("PG_LAST_COPY_ID")) {
                sql.append(history.lastCopyId());
                i = call;
                continue;
            }
            if (call > i && token.isWord("PG_LAST_COPY_COUNT")) {
                sql.append(history.lastCopyCount());
                i = call;
                continue;
            }
            if (token.isWord(SUPER)) {
                sql.append("jsonb");
                continue;
            }
            if (token.isWord(JSON_SERIALIZE) && nextSignificant(tokens, i + 1) < tokens.size()
                    && tokens.get(nextSignificant(tokens, i + 1)).isSymbol('(')) {
                sql.append("CONCAT");
                continue;
            }
            if (isRelation(tokens, i, SLICES_RELATION)) {
                sql.append("(SELECT 0 AS node, slice, slice AS localslice FROM generate_series(0, ").append(slices - 1)
                        .append(") AS slices(slice))");
            } else if (isRelation(tokens, i, LOAD_ERRORS_RELATION)) {
                sql.append(loadErrors(history.errors(), STL_LOAD_ERRORS));
            } else if (isRelation(tokens, i, LOAD_ERROR_DETAIL_RELATION)) {
                sql.append(loadErrors(history.errors(), SYS_LOAD_ERROR_DETAIL));
            } else if (isRelation(tokens, i, COLUMNS_RELATION)) {
                sql.append("(SELECT table_catalog, table_schema, table_name, column_name, ordinal_position, column_default, is_nullable,"
                        + " CASE WHEN data_type = 'jsonb' THEN 'super' ELSE data_type END::varchar AS data_type, character_maximum_length, numeric_precision, numeric_precision_radix, numeric_scale,"
                        + " NULL::varchar AS remarks FROM information_schema.columns)");
            } else if (isRelation(tokens, i, TABLE_DEF_RELATION)) {
                sql.append("(SELECT n.nspname::varchar AS schemaname, c.relname::varchar AS tablename, a.attname::varchar AS \"column\","
                        + " CASE WHEN a.atttypid = 'jsonb'::regtype THEN 'super' ELSE format_type(a.atttypid, a.atttypmod) END::varchar AS type, 'none'::varchar AS encoding, false AS distkey,"
                        + " 0 AS sortkey, a.attnotnull AS notnull FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind = 'r'"
                        + " AND n.nspname = ANY (current_schemas(false)))");
            } else {
                sql.append(token.text());
                continue;
            }
            int next = nextSignificant(tokens, i + 1);
            if (!aliasFollows(next < tokens.size() ? tokens.get(next) : null)) {
                sql.append(" AS ").append(token.text());
            }
        }
        return sql.toString();
    }

    /** The last token of {@code name ( )} at {@code at}, or {@code at} if no such call starts there. */
    private static int emptyCallEnd(List<Token> tokens, int at) {
        if (tokens.get(at).kind() != Kind.WORD) {
            return at;
        }
        int open = nextSignificant(tokens, at + 1);
        int close = nextSignificant(tokens, open + 1);
        return close < tokens.size() && tokens.get(open).isSymbol('(') && tokens.get(close).isSymbol(')') ? close : at;
    }

    /** A column of a view of load errors: its name, its Redshift type, and its value in a row as SQL. */
    private record ErrorColumn(String name, String type, Function<LoadHistory.LoadError, String> value) {
    }

    /** STL_LOAD_ERRORS's columns that the emulator fills, with Redshift's types (blank-padded CHARs, as there). */
    private static final List<ErrorColumn> STL_LOAD_ERRORS = List.of(
            new ErrorColumn("query", "bigint", error -> Long.toString(error.query())),
            new ErrorColumn("filename", "char(256)", error -> text(error.filename())),
            new ErrorColumn("line_number", "bigint", error -> Long.toString(error.lineNumber())),
            new ErrorColumn("colname", "char(127)", error -> text(error.colname())),
            new ErrorColumn("err_code", "integer", error -> Integer.toString(error.errCode())),
            new ErrorColumn("err_reason", "char(512)", error -> text(error.errReason())),
            new ErrorColumn("raw_field_value", "char(1024)", error -> text(error.rawFieldValue())));

    /** SYS_LOAD_ERROR_DETAIL's: every row is of this session's COPYs, so its session is the backend's. */
    private static final List<ErrorColumn> SYS_LOAD_ERROR_DETAIL = List.of(
            new ErrorColumn("query_id", "bigint", error -> Long.toString(error.query())),
            new ErrorColumn("session_id", "integer", error -> "pg_backend_pid()"),
            new ErrorColumn("file_name", "char(256)", error -> text(error.filename())),
            new ErrorColumn("line_number", "bigint", error -> Long.toString(error.lineNumber())),
            new ErrorColumn("column_name", "char(127)", error -> text(error.colname())),
            new ErrorColumn("error_code", "integer", error -> Integer.toString(error.errCode())),
            new ErrorColumn("error_message", "char(512)", error -> text(error.errReason())));

    /** The errors as a relation of those columns. */
    private static String loadErrors(List<LoadHistory.LoadError> errors, List<ErrorColumn> columns) {
        StringBuilder rows = new StringBuilder("(SELECT * FROM (VALUES ");
        if (errors.isEmpty()) {
            rows.append(columns.stream().map(column -> "NULL::" + column.type()).collect(Collectors.joining(", ", "(", ")")));
        }
        for (int i = 0; i < errors.size(); i++) {
            LoadHistory.LoadError error = errors.get(i);
            rows.append(i == 0 ? "" : ", ")
                    .append(columns.stream().map(column -> column.value().apply(error) + "::" + column.type()).collect(Collectors.joining(", ", "(", ")")));
        }
        rows.append(") AS errors").append(columns.stream().map(ErrorColumn::name).collect(Collectors.joining(", ", "(", ")")));
        return rows.append(errors.isEmpty() ? " WHERE false)" : ")").toString();
    }

    /** A text literal; a NUL, which no PostgreSQL text holds, shown as {@code \0}. */
    private static String text(String value) {
        return "'" + value.replace("'", "''").replace("\0", "\\0") + "'";
    }

    /** A system table as a relation: not qualified ({@code x.stv_slices}) nor qualifying a column ({@code stv_slices.slice}). */
    private static boolean isRelation(List<Token> tokens, int at, String name) {
        if (!tokens.get(at).isWord(name)) {
            return false;
        }
        int previous = previousSignificant(tokens, at - 1);
        int next = nextSignificant(tokens, at + 1);
        return (previous < 0 || !tokens.get(previous).isSymbol('.')) && (next >= tokens.size() || !tokens.get(next).isSymbol('.'));
    }

    private static boolean aliasFollows(Token next) {
        if (next == null) {
            return false;
        }
        return next.kind() == Kind.QUOTED_IDENTIFIER || (next.kind() == Kind.WORD && !AFTER_RELATION.contains(next.upper()));
    }

    private static boolean isCreateTable(List<Token> significant) {
        if (significant.isEmpty() || !significant.get(0).isWord("CREATE")) {
            return false;
        }
        for (Token token : significant.subList(1, significant.size())) {
            switch (token.upper()) {
                case "TABLE":
                    return true;
                case "LOCAL":
                case "GLOBAL":
                case "TEMP":
                case "TEMPORARY":
                case "UNLOGGED":
                    continue;
                default:
                    return false;
            }
        }
        return false;
    }

    /** The statement without the distribution, sort and compression attributes, and the space before each. */
    private static List<Token> withoutPlacementAttributes(List<Token> tokens) {
        boolean[] removed = new boolean[tokens.size()];
        int i = nextSignificant(tokens, 0);
        while (i < tokens.size()) {
            Token token = tokens.get(i);
            int next = nextSignificant(tokens, i + 1);
            Token following = next < tokens.size() ? tokens.get(next) : null;
            int end = i;
            if (token.isWord("DISTSTYLE") && following != null && following.kind() == Kind.WORD) {
                end = next;
            } else if ((token.isWord("COMPOUND") || token.isWord("INTERLEAVED")) && following != null && following.isWord("SORTKEY")) {
                end = attributeEnd(tokens, next);
            } else if (token.isWord("SORTKEY") || token.isWord("DISTKEY")) {
                end = attributeEnd(tokens, i);
            } else if (token.isWord("ENCODE") && following != null && following.kind() == Kind.WORD) {
                end = next;
            } else {
                i = next;
                continue;
            }
            for (int j = i; j <= end; j++) {
                removed[j] = true;
            }
            if (i > 0 && tokens.get(i - 1).kind() == Kind.SPACE) {
                removed[i - 1] = true;
            }
            i = nextSignificant(tokens, end + 1);
        }
        List<Token> kept = new ArrayList<>();
        for (int j = 0; j < tokens.size(); j++) {
            if (!removed[j]) {
                kept.add(tokens.get(j));
            }
        }
        return kept;
    }

    /** The last token of {@code SORTKEY (a, b)}, {@code SORTKEY AUTO} or a bare column-level {@code SORTKEY}. */
    private static int attributeEnd(List<Token> tokens, int keyword) {
        int next = nextSignificant(tokens, keyword + 1);
        if (next >= tokens.size()) {
            return keyword;
        }
        if (tokens.get(next).isWord("AUTO")) {
            return next;
        }
        if (!tokens.get(next).isSymbol('(')) {
            return keyword;
        }
        int depth = 0;
        for (int j = next; j < tokens.size(); j++) {
            if (tokens.get(j).isSymbol('(')) {
                depth++;
            } else if (tokens.get(j).isSymbol(')') && --depth == 0) {
                return j;
            }
        }
        return tokens.size() - 1;
    }

    private static void refuseRedshiftOnly(List<Token> significant, int slices) throws UnsupportedRedshiftSql {
        for (int i = 0; i < significant.size(); i++) {
            Token token = significant.get(i);
            if (token.kind() != Kind.WORD) {
                continue;
            }
            for (List<String> pattern : REFUSED_PATTERNS) {
                if (matches(pattern, significant, i)) {
                    throw new UnsupportedRedshiftSql(describe(significant.subList(i, i + pattern.size())));
                }
            }
            String word = token.upper();
            if (word.equals(SLICES_RELATION) && slices == SERVERLESS) {
                throw UnsupportedRedshiftSql.notOnServerless(SLICES_RELATION);
            }
            if ((word.equals(SLICES_RELATION) || word.equals(LOAD_ERRORS_RELATION) || word.equals(LOAD_ERROR_DETAIL_RELATION)
                    || word.equals(COLUMNS_RELATION))
                    && (i == 0 || !significant.get(i - 1).isSymbol('.'))) {
                continue;
            }
            for (String prefix : REFUSED_RELATION_PREFIXES) {
                if (word.startsWith(prefix)) {
                    throw new UnsupportedRedshiftSql("Redshift system table " + word);
                }
            }
        }
    }

    private static void refusePostgresOnly(List<Token> significant) throws UnsupportedRedshiftSql {
        for (int i = 0; i < significant.size(); i++) {
            for (List<String> pattern : POSTGRES_ONLY_PATTERNS) {
                if (matches(pattern, significant, i)) {
                    throw UnsupportedRedshiftSql.postgresOnly(pattern.get(0).equals("[") ? "an array subscript or type ([])"
                            : describe(significant.subList(i, i + pattern.size())));
                }
            }
        }
        if (!significant.isEmpty() && significant.get(0).isWord("UPDATE")) {
            int afterTarget = 1;
            while (afterTarget < significant.size() && (significant.get(afterTarget).kind() == Kind.WORD
                    || significant.get(afterTarget).kind() == Kind.QUOTED_IDENTIFIER)) {
                afterTarget++;
                if (afterTarget < significant.size() && significant.get(afterTarget).isSymbol('.')) {
                    afterTarget++;
                } else {
                    break;
                }
            }
            if (afterTarget < significant.size() && !significant.get(afterTarget).isWord("SET")) {
                throw UnsupportedRedshiftSql.postgresOnly("an alias on UPDATE's target");
            }
        }
        if (significant.size() > 1 && significant.get(0).isWord("ALTER") && significant.get(1).isWord("TABLE")) {
            int depth = 0;
            int adds = 0;
            for (Token token : significant) {
                if (token.isSymbol('(')) {
                    depth++;
                } else if (token.isSymbol(')')) {
                    depth--;
                } else if (depth == 0 && token.isWord("ADD")) {
                    adds++;
                }
            }
            if (adds > 1) {
                throw UnsupportedRedshiftSql.postgresOnly("more than one ADD in one ALTER TABLE");
            }
        }
    }

    private static boolean matches(List<String> pattern, List<Token> tokens, int at) {
        if (at + pattern.size() > tokens.size()) {
            return false;
        }
        for (int k = 0; k < pattern.size(); k++) {
            Token token = tokens.get(at + k);
            String expected = pattern.get(k);
            boolean match;
            if (expected.equals("(")) {
                match = token.isSymbol('(');
            } else if (expected.equals("[")) {
                match = token.isSymbol('[');
            } else if (expected.equals("*")) {
                match = token.kind() == Kind.WORD;
            } else {
                match = token.isWord(expected);
            }
            if (!match) {
                return false;
            }
        }
        return true;
    }

    /** {@code GETDATE()}, {@code IGNORE NULLS}, {@code ENCODE ZSTD}. */
    private static String describe(List<Token> matched) {
        StringBuilder construct = new StringBuilder();
        for (Token token : matched) {
            if (token.isSymbol('(')) {
                construct.append("()");
            } else {
                construct.append(construct.length() == 0 ? "" : " ").append(token.text().toUpperCase(Locale.ROOT));
            }
        }
        return construct.toString();
    }

    private static int nextSignificant(List<Token> tokens, int from) {
        int i = from;
        while (i < tokens.size() && !tokens.get(i).significant()) {
            i++;
        }
        return i;
    }

    private static int previousSignificant(List<Token> tokens, int from) {
        int i = from;
        while (i >= 0 && !tokens.get(i).significant()) {
            i--;
        }
        return i;
    }

    private static String leadingSpace(List<Token> tokens) {
        StringBuilder space = new StringBuilder();
        for (Token token : tokens) {
            if (token.significant()) {
                break;
            }
            space.append(token.text());
        }
        return space.toString();
    }
}
