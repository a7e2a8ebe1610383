package io.bigpicture.loader.sync.bulk;

import io.bigpicture.loader.sync.files.SpooledGzip;
import io.bigpicture.warehouse.CsvRecords;
import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.StandardColumns;
import io.bigpicture.warehouse.dialect.TableLoad;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.zip.GZIPInputStream;

/** A load file's record that the warehouse refused, found again in the file and made a {@code discards} row. */
final class RefusedRecords {

    private RefusedRecords() {
    }

    /** A record of a load file, and its place among the file's records (from 0). */
    record Found(long index, byte[] record) {
    }

    /**
     * The record that holds the file's line {@code line} (from 1), as Redshift names it: a quoted
     * value may hold a newline, so a record may span lines.
     */
    static Optional<byte[]> atLine(SpooledGzip file, long line) {
        long[] firstLine = {1};
        return first(file, (index, record) -> {
            long lines = newlines(record);
            boolean holds = line >= firstLine[0] && line < firstLine[0] + Math.max(1, lines);
            firstLine[0] += lines;
            return holds;
        }).map(Found::record);
    }

    /**
     * The record PostgreSQL named by {@code line} in its COPY error, when the records at the places
     * {@code leftOut} were not sent. PostgreSQL numbers a record by its last line, counting the
     * newlines inside quoted values too, except in the first record it was sent (it learns the
     * line end only at that record's end).
     */
    static Optional<Found> sentAs(SpooledGzip file, Set<Long> leftOut, long line) {
        long[] lastLine = {0};
        return first(file, (index, record) -> {
            if (leftOut.contains(index)) {
                return false;
            }
            lastLine[0] += lastLine[0] == 0 ? 1 : Math.max(1, newlines(record));
            return lastLine[0] >= line;
        });
    }

    private static Optional<Found> first(SpooledGzip file, BiPredicate<Long, byte[]> wanted) {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(file.open(), 65536), 65536)) {
            CsvRecords records = new CsvRecords(in);
            long index = 0;
            for (byte[] record = records.next(); record != null; record = records.next(), index++) {
                if (wanted.test(index, record)) {
                    return Optional.of(new Found(index, record));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long newlines(byte[] record) {
        long count = 0;
        for (byte b : record) {
            if (b == '\n') {
                count++;
            }
        }
        return count;
    }

    /**
     * @param column the warehouse's name of the column it named, empty if none: the value shown is
     *               that column's, or the whole record's
     */
    static Discards.Refused refused(byte[] record, String column, String message, TableLoad load, WarehouseDialect dialect) {
        List<String> fields = CsvRecords.fields(record);
        int id = load.columns().indexOf(StandardColumns.ID);
        int receivedAt = load.columns().indexOf(StandardColumns.RECEIVED_AT);
        int named = -1;
        for (int i = 0; i < load.columns().size() && i < fields.size(); i++) {
            if (dialect.physicalName(load.columns().get(i)).equals(column)) {
                named = i;
            }
        }
        String value = named >= 0 && fields.get(named) != null ? fields.get(named)
                : new String(record, StandardCharsets.UTF_8).stripTrailing();
        return new Discards.Refused(load.table(), id >= 0 && id < fields.size() && fields.get(id) != null ? fields.get(id) : "",
                receivedAt >= 0 && receivedAt < fields.size() ? fields.get(receivedAt) : null,
                named >= 0 ? load.columns().get(named) : column, value, message);
    }
}
