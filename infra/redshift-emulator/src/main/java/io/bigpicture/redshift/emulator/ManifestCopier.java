package io.bigpicture.redshift.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.redshift.emulator.S3CopyCommand.S3Url;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads what a {@link S3CopyCommand} loads: the manifest's files, one after the other, as one CSV
 * stream. Like Redshift, a missing file fails the COPY only if the manifest marks it mandatory.
 */
final class ManifestCopier {

    /** Why the files could not be read; the message becomes the COPY's error. */
    static final class CopySourceException extends Exception {
        CopySourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Entry(S3Url url, boolean mandatory) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;

    ManifestCopier(S3Client s3) {
        this.s3 = s3;
    }

    /** What a COPY streamed: the files in order, where each record streamed came from, and the records held back. */
    record Copied(List<String> files, StreamLines lines, List<RefusedRecord> refused) {
    }

    /** A record held back: its file, its line there (from 1) and why. */
    record RefusedRecord(String url, long line, RecordCheck.Refusal refusal) {
    }

    /** Streams the files, each record that {@code check} passes. */
    Copied copy(S3CopyCommand command, RecordCheck check, OutputStream csv) throws CopySourceException {
        List<String> copied = new ArrayList<>();
        StreamLines lines = new StreamLines();
        List<RefusedRecord> refused = new ArrayList<>();
        for (Entry entry : entries(command.manifest())) {
            InputStream file;
            try {
                file = s3.getObject(request -> request.bucket(entry.url().bucket()).key(entry.url().key()));
            } catch (NoSuchKeyException missing) {
                if (entry.mandatory()) {
                    throw new CopySourceException("mandatory file " + entry.url() + " of manifest " + command.manifest()
                            + " does not exist", missing);
                }
                continue;
            } catch (SdkException failed) {
                throw new CopySourceException("cannot read " + entry.url() + ": " + failed.getMessage(), failed);
            }
            // a failed write to PostgreSQL lands here too; the CopyFail after it then fails as well and ends the session
            RecordFilter records = new RecordFilter(csv, check, lines, copied.size());
            try (InputStream raw = file; InputStream data = command.gzip() ? new GZIPInputStream(raw, 1 << 16) : raw) {
                copyFile(data, command.invalidCharReplacement(), records);
            } catch (SdkException | IOException failed) {
                throw new CopySourceException("cannot read " + entry.url() + ": " + failed.getMessage(), failed);
            }
            String url = entry.url().toString();
            copied.add(url);
            for (int i = 0; i < records.heldBackLines.size(); i++) {
                refused.add(new RefusedRecord(url, records.heldBackLines.get(i), records.refusals.get(i)));
            }
        }
        return new Copied(copied, lines, refused);
    }

    /**
     * Passes on the CSV records that the check passes, whole, and keeps the lines of the others.
     * A record ends at a newline outside quotes; a file's lines are counted as Redshift counts
     * them, each newline, so a record whose quoted value holds one spans two.
     */
    private static final class RecordFilter extends OutputStream {
        private final OutputStream out;
        private final RecordCheck check;
        private final StreamLines streamed;
        private final int file;
        private byte[] record = new byte[1 << 12];
        private int size;
        private int newlines;
        private boolean quoted;
        private long lines;
        final List<Long> heldBackLines = new ArrayList<>();
        final List<RecordCheck.Refusal> refusals = new ArrayList<>();

        RecordFilter(OutputStream out, RecordCheck check, StreamLines streamed, int file) {
            this.out = out;
            this.check = check;
            this.streamed = streamed;
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            if (size == record.length) {
                record = Arrays.copyOf(record, record.length * 2);
            }
            record[size++] = (byte) b;
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\n') {
                newlines++;
                if (!quoted) {
                    endRecord();
                }
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        private void endRecord() throws IOException {
            Optional<RecordCheck.Refusal> refusal = check.check(record, size - 1);
            if (refusal.isPresent()) {
                heldBackLines.add(lines + 1);
                refusals.add(refusal.get());
            } else {
                out.write(record, 0, size);
                streamed.streamed(file, lines + 1, newlines);
            }
            lines += newlines;
            size = 0;
            newlines = 0;
        }

        /** Not closed here: closing would end the COPY stream beneath it. */
        @Override
        public void close() {
        }
    }

    private List<Entry> entries(S3Url manifest) throws CopySourceException {
        JsonNode json;
        try (InputStream in = s3.getObject(request -> request.bucket(manifest.bucket()).key(manifest.key()))) {
            json = JSON.readTree(in);
        } catch (NoSuchKeyException missing) {
            throw new CopySourceException("manifest " + manifest + " does not exist", missing);
        } catch (SdkException | IOException failed) {
            throw new CopySourceException("cannot read manifest " + manifest + ": " + failed.getMessage(), failed);
        }
        JsonNode entries = json == null ? null : json.get("entries");
        if (entries == null || !entries.isArray()) {
            throw new CopySourceException("manifest " + manifest + " has no \"entries\" array", null);
        }
        List<Entry> result = new ArrayList<>();
        for (JsonNode entry : entries) {
            try {
                result.add(new Entry(S3Url.parse(entry.path("url").asText()), entry.path("mandatory").asBoolean(false)));
            } catch (IllegalArgumentException badUrl) {
                throw new CopySourceException("manifest " + manifest + ": " + badUrl.getMessage(), badUrl);
            }
        }
        return result;
    }

    /**
     * Each file ends its last line, so the next file's first row does not run into it. With
     * ACCEPTINVCHARS, bytes that are not UTF-8 become the replacement character, as in Redshift;
     * without it PostgreSQL refuses them, as Redshift does.
     */
    private static void copyFile(InputStream data, String replacement, OutputStream csv) throws IOException {
        if (replacement == null) {
            copyBytes(data, csv);
        } else {
            copyReplacingInvalidCharacters(data, replacement, csv);
        }
    }

    private static void copyBytes(InputStream data, OutputStream csv) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int last = '\n';
        for (int read; (read = data.read(buffer)) > 0; ) {
            csv.write(buffer, 0, read);
            last = buffer[read - 1];
        }
        if (last != '\n') {
            csv.write('\n');
        }
    }

    private static void copyReplacingInvalidCharacters(InputStream data, String replacement, OutputStream csv) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(replacement);
        Reader in = new InputStreamReader(data, decoder);
        // not closed: closing would end the COPY stream beneath it
        Writer out = new OutputStreamWriter(csv, StandardCharsets.UTF_8);
        char[] buffer = new char[1 << 15];
        char last = '\n';
        for (int read; (read = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, read);
            last = buffer[read - 1];
        }
        if (last != '\n') {
            out.write('\n');
        }
        out.flush();
    }
}
