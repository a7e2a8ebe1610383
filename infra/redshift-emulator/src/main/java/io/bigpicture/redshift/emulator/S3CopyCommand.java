package io.bigpicture.redshift.emulator;

import io.bigpicture.redshift.emulator.SqlLexer.Kind;
import io.bigpicture.redshift.emulator.SqlLexer.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Redshift {@code COPY ... FROM 's3://...'} as the emulator accepts it, and the PostgreSQL
 * {@code COPY ... FROM STDIN} that loads the same rows once the emulator streams the files in.
 *
 * <pre>
 * COPY table [ ( column [, ...] ) ] FROM 's3://bucket/manifest-key'
 *   { IAM_ROLE { 'arn' | default } | ACCESS_KEY_ID 'id' SECRET_ACCESS_KEY 'secret' [ SESSION_TOKEN 'token' ] }
 *   [ FORMAT [ AS ] ] CSV   MANIFEST
 *   [ GZIP ] [ TIMEFORMAT [ AS ] 'auto' ] [ ACCEPTINVCHARS [ AS ] [ 'c' ] ] [ EMPTYASNULL ]
 *   [ STATUPDATE { ON | OFF } ] [ COMPUPDATE { ON | OFF } ] [ REGION [ AS ] 'region' ] [ MAXERROR [ AS ] n ]
 * </pre>
 * Options come in any order, each at most once. Credentials and region are checked for presence
 * only: the emulator reads S3 with its own static credentials. Records Redshift refuses become
 * rows of {@code stl_load_errors}: those {@link RecordCheck} finds are held back before PostgreSQL
 * sees them, and with MAXERROR those whose values their columns' types refuse are left out by
 * PostgreSQL's {@code ON_ERROR ignore}. More than n held back fail the COPY as in Redshift; rows
 * PostgreSQL leaves out are not counted against n.
 */
record S3CopyCommand(String table, List<String> columns, S3Url manifest, boolean gzip, boolean emptyAsNull,
                     String invalidCharReplacement, int maxErrors) {

    /** An {@code s3://bucket/key} address. */
    record S3Url(String bucket, String key) {

        static S3Url parse(String url) {
            if (!url.startsWith("s3://")) {
                throw new IllegalArgumentException("not an s3:// URL: " + url);
            }
            String path = url.substring("s3://".length());
            int slash = path.indexOf('/');
            if (slash <= 0 || slash == path.length() - 1) {
                throw new IllegalArgumentException("no bucket and key in " + url);
            }
            return new S3Url(path.substring(0, slash), path.substring(slash + 1));
        }

        @Override
        public String toString() {
            return "s3://" + bucket + "/" + key;
        }
    }

    S3CopyCommand {
        columns = List.copyOf(columns);
    }

    /** Whether a statement's significant tokens are a COPY, which must then parse or be refused. */
    static boolean isCopy(List<Token> tokens) {
        return !tokens.isEmpty() && tokens.get(0).isWord("COPY");
    }

    static S3CopyCommand parse(List<Token> tokens) throws UnsupportedRedshiftSql {
        return new Parser(tokens).parse();
    }

    /**
     * Rows arrive as the CSV Redshift reads. Under EMPTYASNULL a quoted empty field is NULL too,
     * which FORCE_NULL gives; without a column list that needs {@code FORCE_NULL *} (PostgreSQL 17+).
     */
    String postgresSql() {
        String columnList = columns.isEmpty() ? "" : "(" + String.join(", ", columns) + ")";
        StringBuilder sql = new StringBuilder("COPY ").append(table);
        if (!columns.isEmpty()) {
            sql.append(' ').append(columnList);
        }
        sql.append(" FROM STDIN WITH (FORMAT csv");
        if (emptyAsNull) {
            sql.append(", FORCE_NULL ").append(columns.isEmpty() ? "*" : columnList);
        }
        if (maxErrors > 0) {
            // a NOTICE names each row left out, which the session keeps as stl_load_errors
            sql.append(", ON_ERROR ignore, LOG_VERBOSITY verbose");
        }
        return sql.append(')').toString();
    }

    private static final class Parser {

        private final List<Token> tokens;
        private int at;
        private final Set<String> seen = new HashSet<>();

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        S3CopyCommand parse() throws UnsupportedRedshiftSql {
            expectWord("COPY");
            String table = tableName();
            List<String> columns = peek().isSymbol('(') ? columnList() : List.of();
            if (peek().isWord("TO")) {
                throw new UnsupportedRedshiftSql("COPY ... TO");
            }
            expectWord("FROM");
            Token source = next();
            if (source.kind() != Kind.STRING) {
                throw new UnsupportedRedshiftSql("COPY FROM " + source.text());
            }
            S3Url manifest;
            try {
                manifest = S3Url.parse(source.stringValue());
            } catch (IllegalArgumentException notS3) {
                throw new UnsupportedRedshiftSql("COPY FROM '" + source.stringValue() + "' (only s3://bucket/key)");
            }
            boolean gzip = false;
            boolean emptyAsNull = false;
            String replacement = null;
            int maxErrors = 0;
            while (at < tokens.size()) {
                Token option = next();
                String name = option.upper();
                if (option.kind() != Kind.WORD || !seen.add(name)) {
                    throw new UnsupportedRedshiftSql("COPY option " + option.text());
                }
                switch (name) {
                    case "IAM_ROLE" -> {
                        if (!peek().isWord("default")) {
                            string(name);
                        } else {
                            next();
                        }
                    }
                    case "ACCESS_KEY_ID", "SECRET_ACCESS_KEY", "SESSION_TOKEN" -> string(name);
                    case "FORMAT" -> {
                        optionalAs();
                        Token format = next();
                        if (!format.isWord("CSV")) {
                            throw new UnsupportedRedshiftSql("COPY FORMAT " + format.text());
                        }
                        seen.add("CSV");
                    }
                    case "CSV", "MANIFEST" -> {
                        // flags; their presence is checked below
                    }
                    case "GZIP" -> gzip = true;
                    case "EMPTYASNULL" -> emptyAsNull = true;
                    case "TIMEFORMAT" -> {
                        optionalAs();
                        String format = string(name);
                        if (!format.equalsIgnoreCase("auto")) {
                            throw new UnsupportedRedshiftSql("COPY TIMEFORMAT '" + format + "' (only 'auto')");
                        }
                    }
                    case "ACCEPTINVCHARS" -> {
                        optionalAs();
                        replacement = peek().kind() == Kind.STRING ? next().stringValue() : "?";
                        if (replacement.length() != 1) {
                            throw new UnsupportedRedshiftSql("COPY ACCEPTINVCHARS '" + replacement + "'");
                        }
                    }
                    case "STATUPDATE", "COMPUPDATE" -> {
                        Token value = next();
                        if (!value.isWord("ON") && !value.isWord("OFF")) {
                            throw new UnsupportedRedshiftSql("COPY " + name + " " + value.text());
                        }
                    }
                    case "REGION" -> {
                        optionalAs();
                        string(name);
                    }
                    case "MAXERROR" -> {
                        optionalAs();
                        Token value = next();
                        if (value.kind() != Kind.NUMBER || !value.text().matches("\\d{1,6}") || Integer.parseInt(value.text()) > 100_000) {
                            throw new UnsupportedRedshiftSql("COPY MAXERROR " + value.text() + " (a whole number up to 100000)");
                        }
                        maxErrors = Integer.parseInt(value.text());
                    }
                    default -> throw new UnsupportedRedshiftSql("COPY option " + name);
                }
            }
            require("CSV", "COPY without FORMAT CSV");
            require("MANIFEST", "COPY without MANIFEST");
            if (!seen.contains("IAM_ROLE") && !(seen.contains("ACCESS_KEY_ID") && seen.contains("SECRET_ACCESS_KEY"))) {
                throw new UnsupportedRedshiftSql("COPY without IAM_ROLE or ACCESS_KEY_ID and SECRET_ACCESS_KEY");
            }
            return new S3CopyCommand(table, columns, manifest, gzip, emptyAsNull, replacement, maxErrors);
        }

        private String tableName() throws UnsupportedRedshiftSql {
            StringBuilder name = new StringBuilder();
            while (true) {
                Token part = next();
                if (part.kind() != Kind.WORD && part.kind() != Kind.QUOTED_IDENTIFIER) {
                    throw new UnsupportedRedshiftSql("COPY " + name + part.text());
                }
                name.append(part.text());
                if (!peek().isSymbol('.')) {
                    return name.toString();
                }
                name.append(next().text());
            }
        }

        private List<String> columnList() throws UnsupportedRedshiftSql {
            next();
            List<String> columns = new ArrayList<>();
            while (true) {
                Token column = next();
                if (column.kind() != Kind.WORD && column.kind() != Kind.QUOTED_IDENTIFIER) {
                    throw new UnsupportedRedshiftSql("COPY column list with " + column.text());
                }
                columns.add(column.text());
                Token separator = next();
                if (separator.isSymbol(')')) {
                    return columns;
                }
                if (!separator.isSymbol(',')) {
                    throw new UnsupportedRedshiftSql("COPY column list with " + separator.text());
                }
            }
        }

        private void require(String option, String construct) throws UnsupportedRedshiftSql {
            if (!seen.contains(option)) {
                throw new UnsupportedRedshiftSql(construct);
            }
        }

        private void optionalAs() {
            if (peek().isWord("AS")) {
                next();
            }
        }

        private String string(String option) throws UnsupportedRedshiftSql {
            Token value = next();
            if (value.kind() != Kind.STRING) {
                throw new UnsupportedRedshiftSql("COPY " + option + " " + value.text());
            }
            return value.stringValue();
        }

        private void expectWord(String word) throws UnsupportedRedshiftSql {
            Token token = next();
            if (!token.isWord(word)) {
                throw new UnsupportedRedshiftSql("COPY with " + token.text() + " where " + word + " belongs");
            }
        }

        private Token peek() {
            return at < tokens.size() ? tokens.get(at) : END;
        }

        private Token next() {
            return at < tokens.size() ? tokens.get(at++) : END;
        }

        private static final Token END = new Token(Kind.SYMBOL, "<end of statement>");
    }
}
