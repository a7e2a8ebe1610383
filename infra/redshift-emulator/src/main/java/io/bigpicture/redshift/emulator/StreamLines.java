package io.bigpicture.redshift.emulator;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where each record streamed to PostgreSQL came from, by the line number PostgreSQL gives it, so
 * that a row its COPY left out is named as Redshift names it: by file and line there.
 * PostgreSQL numbers a record by its last line, counting the newlines inside quoted values too,
 * except in the stream's first record (it learns the line end only at that record's end).
 */
final class StreamLines {

    /** A record's file (its place in the manifest's files streamed) and its first line there, from 1. */
    record Place(int file, long line) {
    }

    private long postgresLine;
    private long[] postgresLines = new long[64];
    private int[] files = new int[64];
    private long[] lines = new long[64];
    private int size;

    /** The next record streamed: from the file at {@code file}, its lines {@code line}... spanning {@code newlines}. */
    void streamed(int file, long line, int newlines) {
        postgresLine += size == 0 ? 1 : newlines;
        if (size == postgresLines.length) {
            postgresLines = Arrays.copyOf(postgresLines, size * 2);
            files = Arrays.copyOf(files, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
        }
        postgresLines[size] = postgresLine;
        files[size] = file;
        lines[size] = line;
        size++;
    }

    /** The record PostgreSQL names by {@code postgresLine}. */
    Optional<Place> place(long postgresLine) {
        int at = Arrays.binarySearch(postgresLines, 0, size, postgresLine);
        int record = at >= 0 ? at : -at - 1;
        return record < size ? Optional.of(new Place(files[record], lines[record])) : Optional.empty();
    }
}
