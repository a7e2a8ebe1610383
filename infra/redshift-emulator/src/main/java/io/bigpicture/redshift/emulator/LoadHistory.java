package io.bigpicture.redshift.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A session's COPY outcomes as Redshift reports them: {@code pg_last_copy_id()},
 * {@code pg_last_copy_count()} and the rows of {@code stl_load_errors}, which a real cluster keeps
 * per query and shows to the user who ran it. Written by the thread that relays PostgreSQL's
 * answers, read by the one that rewrites the client's next statement.
 */
final class LoadHistory {

    /** One row of {@code stl_load_errors}. */
    record LoadError(long query, String filename, long lineNumber, String colname, int errCode, String errReason, String rawFieldValue) {
    }

    /**
     * Redshift's load error for a value its column refused, as its load error reference words it.
     * PostgreSQL's notice does not say why, and the emulator does not know the column's type: the
     * value's shape picks the error.
     */
    record Reason(int code, String text) {
        private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9.]+([eE][-+]?[0-9]+)?");
        private static final Pattern DATE = Pattern.compile("[-+]?\\d{4,}-\\d{2}-\\d{2}.*");

        static Reason of(String value) {
            if (DATE.matcher(value).matches()) {
                return new Reason(1206, "Timestamp format is not valid.");
            }
            if (NUMBER.matcher(value).matches()) {
                return new Reason(1204, "Input data exceeded the acceptable range for the data type.");
            }
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return new Reason(1210, "BOOLEAN data type format error.");
            }
            return new Reason(1204, "String length exceeds DDL length");
        }
    }

    /** Redshift numbers queries; the emulator numbers its COPYs from here. */
    private static final long FIRST_COPY_ID = 1000;

    private long lastCopyId = -1;
    private long lastCopyCount;
    private long nextCopyId = FIRST_COPY_ID;
    private final List<LoadError> errors = new ArrayList<>();

    /** A new COPY began: its id, under which its refused rows are kept. */
    synchronized long copyStarted() {
        return nextCopyId++;
    }

    /** A COPY ended: its id and the rows it loaded are now what the session's functions answer. */
    synchronized void copyEnded(long copyId, long rows) {
        lastCopyId = copyId;
        lastCopyCount = rows;
    }

    /**
     * A record that COPY left out, named by PostgreSQL by its line in the stream of all the files:
     * kept under the file it came from and its line there.
     */
    synchronized void refused(long copyId, List<String> files, StreamLines lines, long streamLine, String column, String value) {
        Reason reason = Reason.of(value);
        StreamLines.Place place = lines.place(streamLine).orElse(new StreamLines.Place(files.size() - 1, streamLine));
        errors.add(new LoadError(copyId, files.isEmpty() ? "" : files.get(place.file()), place.line(), column, reason.code(), reason.text(),
                value));
    }

    /** A record held back before PostgreSQL saw it (see {@link RecordCheck}). */
    synchronized void refused(long copyId, ManifestCopier.RefusedRecord record) {
        RecordCheck.Refusal refusal = record.refusal();
        errors.add(new LoadError(copyId, record.url(), record.line(), refusal.column(), refusal.code(), refusal.reason(), refusal.rawValue()));
    }

    synchronized long lastCopyId() {
        return lastCopyId;
    }

    synchronized long lastCopyCount() {
        return lastCopyCount;
    }

    synchronized List<LoadError> errors() {
        return List.copyOf(errors);
    }
}
