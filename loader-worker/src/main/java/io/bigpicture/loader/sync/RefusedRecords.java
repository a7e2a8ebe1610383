package io.bigpicture.loader.sync;

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
import java.util.zip.GZIPInputStream;

/** A load file's record that the warehouse refused, found again in the file and made a {@code discards} row. */
final class RefusedRecords {

    private RefusedRecords() {
    }

    /**
     * The record that holds the file's line {@code line} (from 1): a quoted value may hold a
     * newline, so a record may span lines.
     */
    static Optional<byte[]> atLine(SpooledGzip file, long line) {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(file.open(), 65536), 65536)) {
            CsvRecords records = new CsvRecords(in);
            long firstLine = 1;
            for (byte[] record = records.next(); record != null; record = records.next()) {
                long lines = newlines(record);
                if (line >= firstLine && line < firstLine + Math.max(1, lines)) {
                    return Optional.of(record);
                }
                firstLine += lines;
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
