package io.bigpicture.loader.sync.bulk;

import io.bigpicture.loader.sync.files.SpooledGzip;
import io.bigpicture.warehouse.CsvRecords;
import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.WarehouseFailure;
import io.bigpicture.warehouse.dialect.TableLoad;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * PostgreSQL's COPY of a table's load files, each behind a savepoint: when the database refuses a
 * record for its data (see {@link WarehouseFailure#isRefusedData}), the file is copied again without it, and the record is kept to go to
 * {@code discards} with the database's own message. The error's context names the record
 * ({@code COPY t, line 7, column c}), so each refusal costs one more copy of one file.
 */
final class PostgresRefusals {

    private static final Pattern WHERE = Pattern.compile("COPY [^,]+, line (\\d+)(?:, column ([^:]+))?");

    private final WarehouseDialect dialect;

    PostgresRefusals(WarehouseDialect dialect) {
        this.dialect = dialect;
    }

    /** A refusal for a record's data, and where the database says it was. */
    private record Refusal(long line, String column, String message) {
    }

    /** Copies every file, less what the database refuses; returns the refused records. */
    List<Discards.Refused> copy(Connection connection, String copySql, TableLoad load, List<SpooledGzip> files) throws SQLException {
        List<Discards.Refused> refused = new ArrayList<>();
        for (SpooledGzip file : files) {
            Set<Long> leftOut = new HashSet<>();
            while (true) {
                Savepoint beforeFile = connection.setSavepoint();
                try {
                    copyFile(connection, copySql, file, leftOut);
                    connection.releaseSavepoint(beforeFile);
                    break;
                } catch (SQLException e) {
                    Optional<Refusal> refusal = refusal(e);
                    if (refusal.isEmpty() || refused.size() >= Discards.MAX_REFUSED_PER_TABLE) {
                        throw e;
                    }
                    connection.rollback(beforeFile);
                    refused.add(leaveOut(file, leftOut, refusal.get(), load));
                }
            }
        }
        return refused;
    }

    private static Optional<Refusal> refusal(SQLException e) {
        if (!(e instanceof PSQLException psql) || !WarehouseFailure.isRefusedData(e.getSQLState())) {
            return Optional.empty();
        }
        ServerErrorMessage server = psql.getServerErrorMessage();
        Matcher where = WHERE.matcher(server == null || server.getWhere() == null ? "" : server.getWhere());
        if (!where.find()) {
            return Optional.empty();
        }
        String column = where.group(2) == null ? "" : where.group(2).trim();
        return Optional.of(new Refusal(Long.parseLong(where.group(1)), column, server.getMessage()));
    }

    /**
     * Finds the refused record (the database counts the lines it was sent, which skip the records
     * already left out) and adds it to {@code leftOut} by its place in the file.
     */
    private Discards.Refused leaveOut(SpooledGzip file, Set<Long> leftOut, Refusal refusal, TableLoad load) throws SQLException {
        RefusedRecords.Found found = RefusedRecords.sentAs(file, leftOut, refusal.line())
                .orElseThrow(() -> new SQLException("the database refused line " + refusal.line() + " of a load file of " + load.table()
                        + ", which has fewer lines: " + refusal.message()));
        leftOut.add(found.index());
        return RefusedRecords.refused(found.record(), refusal.column(), refusal.message(), load, dialect);
    }

    private static void copyFile(Connection connection, String copySql, SpooledGzip file, Set<Long> leftOut) throws SQLException {
        try (InputStream csv = new GZIPInputStream(file.open(), 65536)) {
            if (leftOut.isEmpty()) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, csv, 65536);
                return;
            }
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
            try {
                CsvRecords records = new CsvRecords(new BufferedInputStream(csv, 65536));
                long index = 0;
                for (byte[] record = records.next(); record != null; record = records.next(), index++) {
                    if (!leftOut.contains(index)) {
                        copy.writeToCopy(record, 0, record.length);
                    }
                }
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
