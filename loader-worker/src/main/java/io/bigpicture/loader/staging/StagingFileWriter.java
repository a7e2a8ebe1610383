package io.bigpicture.loader.staging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.events.Message;
import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.Row;
import io.bigpicture.warehouse.RowMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.jboss.logging.Logger;

/**
 * Writes one source's buffered events as a gzip NDJSON file and notes, on the way, what the
 * warehouse will need for them: the tables and columns, with the types of their first values.
 */
final class StagingFileWriter {

    private static final Logger LOG = Logger.getLogger(StagingFileWriter.class);

    record Written(Path file, int events, long bytes, Instant firstEventAt, Instant lastEventAt, BatchSchema schema) {
    }

    private final ObjectMapper json;
    private final RowMapper rows;

    StagingFileWriter(ObjectMapper json, RowMapper rows) {
        this.json = json;
        this.rows = rows;
    }

    /** Empty when no line was a loadable message. */
    Optional<Written> write(List<String> lines) throws IOException {
        Path file = Files.createTempFile("staging-", ".json.gz");
        BatchSchema schema = new BatchSchema();
        int events = 0;
        Instant first = null;
        Instant last = null;
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
            for (String line : lines) {
                Optional<Message> message = StagedEvents.parse(json, line);
                if (message.isEmpty()) {
                    LOG.warnf("dropped a queued line that is not an enriched message (%d characters)", line.length());
                    continue;
                }
                List<Row> mapped;
                try {
                    mapped = rows.rows(message.get());
                } catch (RuntimeException unmappable) {
                    // staged, it would fail every sync of its source: no table can take it
                    LOG.warnf("dropped a queued %s message that makes no row: %s", message.get().type(), unmappable.toString());
                    continue;
                }
                mapped.forEach(schema::observe);
                Instant receivedAt = message.get().receivedAt().orElseGet(Instant::now);
                first = first == null || receivedAt.isBefore(first) ? receivedAt : first;
                last = last == null || receivedAt.isAfter(last) ? receivedAt : last;
                out.write(line);
                out.write('\n');
                events++;
            }
        }
        if (events == 0) {
            Files.deleteIfExists(file);
            return Optional.empty();
        }
        return Optional.of(new Written(file, events, Files.size(file), first, last, schema));
    }
}
