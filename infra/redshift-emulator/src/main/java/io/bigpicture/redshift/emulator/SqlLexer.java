package io.bigpicture.redshift.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL into tokens that keep every character of the input, so a rule can drop or replace
 * some tokens and leave the rest of the statement exactly as the client wrote it. It never fails:
 * an unterminated literal runs to the end, and PostgreSQL reports it.
 */
final class SqlLexer {

    enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PARAMETER, SYMBOL, SPACE, COMMENT }

    record Token(Kind kind, String text) {

        boolean significant() {
            return kind != Kind.SPACE && kind != Kind.COMMENT;
        }

        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(char symbol) {
            return kind == Kind.SYMBOL && text.charAt(0) == symbol;
        }

        /** A word in upper case; anything else as written. */
        String upper() {
            return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : text;
        }

        /** The value of a '...' or E'...' literal (dollar quotes and escapes beyond '' are not needed here). */
        String stringValue() {
            String body = text;
            if (body.startsWith("E") || body.startsWith("e")) {
                body = body.substring(1);
            }
            if (body.length() >= 2 && body.startsWith("'") && body.endsWith("'")) {
                body = body.substring(1, body.length() - 1);
            }
            return body.replace("''", "'");
        }
    }

    private final String sql;
    private int position;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    static List<Token> tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        List<Token> tokens = new ArrayList<>();
        while (lexer.position < sql.length()) {
            tokens.add(lexer.next());
        }
        return tokens;
    }

    /** The highest {@code $n} placeholder, 0 if none: what a Bind for this SQL will carry. */
    static int highestParameter(String sql) {
        int highest = 0;
        for (Token token : tokenize(sql)) {
            if (token.kind() == Kind.PARAMETER) {
                try {
                    highest = Math.max(highest, Integer.parseInt(token.text().substring(1)));
                } catch (NumberFormatException tooLarge) {
                    // PostgreSQL rejects it itself
                }
            }
        }
        return highest;
    }

    private Token next() {
        int start = position;
        char c = sql.charAt(position);
        if (Character.isWhitespace(c)) {
            while (position < sql.length() && Character.isWhitespace(sql.charAt(position))) {
                position++;
            }
            return token(Kind.SPACE, start);
        }
        if (c == '-' && peek(1) == '-') {
            while (position < sql.length() && sql.charAt(position) != '\n') {
                position++;
            }
            return token(Kind.COMMENT, start);
        }
        if (c == '/' && peek(1) == '*') {
            skipBlockComment();
            return token(Kind.COMMENT, start);
        }
        if (c == '\'') {
            skipQuoted('\'', false);
            return token(Kind.STRING, start);
        }
        if ((c == 'E' || c == 'e') && peek(1) == '\'') {
            position++;
            skipQuoted('\'', true);
            return token(Kind.STRING, start);
        }
        if (c == '"') {
            skipQuoted('"', false);
            return token(Kind.QUOTED_IDENTIFIER, start);
        }
        if (c == '$') {
            return dollar(start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (position < sql.length() && isWordPart(sql.charAt(position))) {
                position++;
            }
            return token(Kind.WORD, start);
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
            while (position < sql.length() && (Character.isDigit(sql.charAt(position)) || sql.charAt(position) == '.')) {
                position++;
            }
            return token(Kind.NUMBER, start);
        }
        position++;
        return token(Kind.SYMBOL, start);
    }

    /** {@code $1} is a placeholder; {@code $$...$$} and {@code $tag$...$tag$} are strings. */
    private Token dollar(int start) {
        position++;
        if (Character.isDigit(peek(0))) {
            while (Character.isDigit(peek(0))) {
                position++;
            }
            return token(Kind.PARAMETER, start);
        }
        while (position < sql.length() && (Character.isLetterOrDigit(sql.charAt(position)) || sql.charAt(position) == '_')) {
            position++;
        }
        if (peek(0) != '$') {
            return token(Kind.SYMBOL, start);
        }
        position++;
        String tag = sql.substring(start, position);
        int end = sql.indexOf(tag, position);
        position = end < 0 ? sql.length() : end + tag.length();
        return token(Kind.STRING, start);
    }

    private void skipQuoted(char quote, boolean backslashEscapes) {
        position++;
        while (position < sql.length()) {
            char c = sql.charAt(position++);
            if (backslashEscapes && c == '\\') {
                position++;
            } else if (c == quote) {
                if (peek(0) != quote) {
                    return;
                }
                position++;
            }
        }
        position = Math.min(position, sql.length());
    }

    private void skipBlockComment() {
        int depth = 0;
        while (position < sql.length()) {
            if (sql.startsWith("/*", position)) {
                depth++;
                position += 2;
            } else if (sql.startsWith("*/", position)) {
                depth--;
                position += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                position++;
            }
        }
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private char peek(int ahead) {
        int at = position + ahead;
        return at < sql.length() ? sql.charAt(at) : '\0';
    }

    private Token token(Kind kind, int start) {
        return new Token(kind, sql.substring(start, position));
    }
}
