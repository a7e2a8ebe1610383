package io.bigpicture.loader.sync.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bigpicture.events.Message;
import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.ChunkedGzip;
import io.bigpicture.warehouse.Coerced;
import io.bigpicture.warehouse.ColumnBound;
import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.CsvWriter;
import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.Row;
import io.bigpicture.warehouse.RowMapper;
import io.bigpicture.warehouse.RowSize;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.StandardColumns;
import io.bigpicture.warehouse.TypeCoercion;
import io.bigpicture.warehouse.filter.CompiledFilters;
import io.bigpicture.warehouse.filter.FilterCounts;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Turns messages into CSV lines per table, each value fitted to its column's type, compressed in
 * chunks into one spool file (see {@link ChunkSpool}). A value that does not fit its column, or
 * its row (see {@link RowSize}), or that lost its column to another sent name, is left out of its
 * row and becomes a row of {@code discards}; so does the note of a value changed to load. Holds a
 * chunk's buffer per table, never the rows: memory does not grow with the sync.
 */
public final class LoadFiles implements Closeable {

    /**
     * One table's rows from this writer, as chunks of compressed lines in its columns' order, and
     * the file of its rows' ids if asked for.
     */
    public record LoadFile(String table, List<ChunkSpool.SpooledChunk> chunks, List<String> columns, long rows, Optional<Path> ids) {
    }

    private final RowMapper rowMapper;
    private final BatchSchema batch;
    /** How the rows of a table the warehouse's limits left out are counted among what was kept out. */
    static final String TABLE_LIMIT = SchemaLimits.Fitted.WAREHOUSE_TABLES;

    private final SchemaLimits.Fitted fitted;
    private final RowSize rowSize;
    private final Set<String> failedTables;
    private final Map<String, Map<String, ColumnType>> warehouseTables;
    private final Map<String, Map<String, ColumnBound>> bounds;
    private final UnaryOperator<String> physicalName;
    private final String loadedAt;
    private final Path directory;
    private final ChunkSpool spool;
    private final boolean idFiles;
    private final Map<String, TableWriter> writers = new LinkedHashMap<>();
    private final Map<String, Long> discards = new LinkedHashMap<>();
    private final Map<String, List<Discards.Example>> discardExamples = new LinkedHashMap<>();
    private final CompiledFilters filters;
    private final FilterCounts keptOut = new FilterCounts();

    /**
     * @param fitted          the columns each table's file carries, and what the warehouse's limits left out
     * @param rowSize         what one row of the warehouse may hold
     * @param failedTables    tables whose schema change failed: their rows wait for the next sync
     * @param warehouseTables the types those columns have in the warehouse, after schema evolution,
     *                        by the names the warehouse uses
     * @param bounds          the columns of those tables that hold less than their type, by the names the warehouse uses
     * @param physicalName    the warehouse's name for one of ours
     * @param idFiles         whether to write, beside each table's file, a plain CSV file of its rows' ids
     * @param compress        whether the files are compressed (for S3) or only framed as gzip (read on this machine)
     * @param filters         what of the source goes into this warehouse; {@code batch} is already pruned by them
     */
    public LoadFiles(RowMapper rowMapper, SchemaLimits.Fitted fitted, RowSize rowSize, Set<String> failedTables,
                     Map<String, Map<String, ColumnType>> warehouseTables, Map<String, Map<String, ColumnBound>> bounds,
                     UnaryOperator<String> physicalName, Instant loadedAt, Path directory, boolean idFiles, boolean compress,
                     CompiledFilters filters) {
        this.rowMapper = rowMapper;
        this.fitted = fitted;
        this.rowSize = rowSize;
        this.failedTables = failedTables;
        this.batch = fitted.batch();
        this.warehouseTables = warehouseTables;
        this.bounds = bounds;
        this.physicalName = physicalName;
        this.loadedAt = TypeCoercion.formatTimestamp(loadedAt);
        this.directory = directory;
        this.spool = new ChunkSpool(directory, compress);
        this.idFiles = idFiles;
        this.filters = filters;
    }

    /** @param part where the message is from, which may load only some tables */
    public void add(Message message, Messages part) {
        if (!filters.admits(message, keptOut)) {
            return;
        }
        filters.rewrite(message, keptOut);
        for (Row row : rowMapper.rows(message)) {
            if (part.loads(row.table()) && !failedTables.contains(row.table())) {
                write(row);
            }
        }
    }

    private void write(Row row) {
        TableWriter writer = writers.get(row.table());
        if (writer == null) {
            Optional<Map<String, ColumnType>> planned = batch.table(row.table());
            if (planned.isEmpty()) {
                if (filters.excludes(physicalName.apply(row.table()), keptOut)) {
                    return;
                }
                String leftOut = fitted.leftOutTables().get(physicalName.apply(row.table()));
                if (SchemaLimits.TOO_MANY_TABLES.equals(leftOut)) {
                    // the name the source sent is what a person needs to see, not the table it would have made
                    JsonNode sentName = row.values().get(StandardColumns.EVENT_TEXT);
                    discard(row, StandardColumns.EVENT_TEXT, sentName != null ? sentName : TextNode.valueOf(row.table()), leftOut);
                    return;
                }
                if (leftOut != null) {
                    keptOut.add(TABLE_LIMIT + ": " + physicalName.apply(row.table()));
                    return;
                }
                throw new IllegalStateException("table " + row.table() + " is not in the batch schema");
            }
            writer = writer(row.table(), List.copyOf(planned.get().keySet()));
        }
        // a row holds fewer values than its table has columns: each is placed by the writer's index,
        // rather than every column looked up in the row's map
        JsonNode[] sent = new JsonNode[writer.columns.size()];
        for (Map.Entry<String, JsonNode> value : row.values().entrySet()) {
            Integer column = writer.positions.get(value.getKey());
            if (column != null) {
                sent[column] = value.getValue();
            }
        }
        String[] values = new String[writer.columns.size()];
        RowSize.Budget budget = rowSize.newRow();
        for (int i : writer.fillOrder) {
            String column = writer.columns.get(i);
            String text = value(row, column, sent[i], writer.types[i], writer.bounds[i]);
            if (text != null && !budget.take(writer.types[i], text) && !SchemaLimits.ALWAYS_KEPT.contains(column)) {
                discard(row, column, row.values().get(column), RowSize.REASON);
                text = null;
            }
            values[i] = text;
        }
        writer.write(Arrays.asList(values));
        for (Row.Clash clash : row.clashes()) {
            discard(row, clash.column(), clash.value(), Row.NAME_CLASH);
        }
        if (fitted.leftOutColumns().containsKey(physicalName.apply(row.table()))) {
            String table = physicalName.apply(row.table());
            row.values().forEach((column, value) -> {
                if (value != null && !value.isNull()) {
                    fitted.columnLeftOut(table, physicalName.apply(column)).ifPresent(reason -> discard(row, column, value, reason));
                }
            });
        }
    }

    private String value(Row row, String column, JsonNode value, ColumnType type, ColumnBound bound) {
        if (column.equals(StandardColumns.UUID_TS)) {
            return loadedAt;
        }
        if (value == null) {
            return null;
        }
        Coerced coerced = TypeCoercion.coerce(value, type);
        if (bound != null) {
            coerced = fitBound(coerced, bound);
        }
        if (coerced instanceof Coerced.Value fitted) {
            return fitted.text();
        }
        if (coerced instanceof Coerced.Altered altered) {
            discard(row, column, value, altered.change());
            return altered.text();
        }
        discard(row, column, value, ((Coerced.Discarded) coerced).reason());
        return null;
    }

    /** A value fitted to its type, fitted to its column too; a change said before is still said. */
    private static Coerced fitBound(Coerced coerced, ColumnBound bound) {
        if (coerced instanceof Coerced.Value value) {
            return bound.fit(value.text());
        }
        if (coerced instanceof Coerced.Altered altered) {
            Coerced fitted = bound.fit(altered.text());
            return fitted instanceof Coerced.Value value ? new Coerced.Altered(value.text(), altered.change()) : fitted;
        }
        return coerced;
    }

    private void discard(Row row, String column, JsonNode value, String reason) {
        List<String> discard = Discards.row(row, column, value, reason, loadedAt);
        writer(Discards.TABLE, Discards.COLUMNS).write(discard);
        discards.merge(row.table(), 1L, Long::sum);
        List<Discards.Example> examples = discardExamples.computeIfAbsent(row.table(), table -> new ArrayList<>());
        if (examples.size() < Discards.EXAMPLES_PER_TABLE) {
            examples.add(Discards.Example.of(row.table(), column, value, reason));
        }
    }

    private TableWriter writer(String table, List<String> columns) {
        return writers.computeIfAbsent(table, name -> new TableWriter(name, columns, warehouseTables.get(physicalName.apply(name)),
                bounds.getOrDefault(physicalName.apply(name), Map.of()), physicalName, spool, directory, idFiles));
    }

    /** Values left out so far, by the table they were going to. */
    public Map<String, Long> discardsPerTable() {
        return Map.copyOf(discards);
    }

    /** The first few values left out, per table they were going to. */
    public Map<String, List<Discards.Example>> discardExamples() {
        return Map.copyOf(discardExamples);
    }

    /** Messages and rows the filters kept out so far, by rule. */
    public FilterCounts keptOut() {
        return keptOut;
    }

    /** Ends the writing and says what each table's rows are; they can be read until {@link #close}. */
    public List<LoadFile> finish() {
        List<LoadFile> files = new ArrayList<>();
        for (TableWriter writer : writers.values()) {
            writer.finish();
            files.add(new LoadFile(writer.table, List.copyOf(writer.chunks), writer.columns, writer.rows, Optional.ofNullable(writer.idsPath)));
        }
        spool.finish();
        return files;
    }

    /** Deletes the files. */
    @Override
    public void close() {
        spool.close();
        for (TableWriter writer : writers.values()) {
            writer.closeIds();
            try {
                if (writer.idsPath != null) {
                    Files.deleteIfExists(writer.idsPath);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A table's rows from one writer thread: a line buffer that becomes a chunk of the spool when full. */
    private static final class TableWriter {
        /**
         * Lines are encoded in small pieces into the chunk buffer, which becomes a chunk when fewer
         * than this many bytes are left: a line rarely makes it grow.
         */
        private static final int LINE_PIECE = 4096;

        final String table;
        final List<String> columns;
        /** Each column's position in {@link #columns}. */
        final Map<String, Integer> positions = new HashMap<>();
        /** The warehouse's type of each column, by position: looked up once, not per value. */
        final ColumnType[] types;
        /** The bound of each column that has one, by position; null where none. */
        final ColumnBound[] bounds;
        /** Column positions in the order their values take room in a row: the loader's own columns first. */
        final int[] fillOrder;
        final ChunkSpool spool;
        /** Both null once finished: what a table holds while the others load is its chunks' places. */
        ChunkBuffer buffer = new ChunkBuffer();
        CsvWriter out = new CsvWriter(buffer, LINE_PIECE);
        final List<ChunkSpool.SpooledChunk> chunks = new ArrayList<>();
        /** Null unless id files were asked for; uncompressed: they never leave this machine. */
        final Path idsPath;
        final CsvWriter ids;
        final int idColumn;
        long rows;
        boolean idsClosed;

        TableWriter(String table, List<String> columns, Map<String, ColumnType> warehouseTypes, Map<String, ColumnBound> columnBounds,
                    UnaryOperator<String> physicalName,
                    ChunkSpool spool, Path directory, boolean idFiles) {
            this.table = table;
            this.columns = columns;
            this.spool = spool;
            this.idColumn = columns.indexOf(StandardColumns.ID);
            for (int i = 0; i < columns.size(); i++) {
                positions.put(columns.get(i), i);
            }
            this.types = columns.stream().map(column -> warehouseTypes.get(physicalName.apply(column))).toArray(ColumnType[]::new);
            this.bounds = columns.stream().map(column -> columnBounds.get(physicalName.apply(column))).toArray(ColumnBound[]::new);
            this.fillOrder = IntStream.range(0, columns.size()).boxed()
                    .sorted(Comparator.comparing(i -> !SchemaLimits.ALWAYS_KEPT.contains(columns.get(i))))
                    .mapToInt(Integer::intValue).toArray();
            try {
                this.idsPath = idFiles ? Files.createTempFile(directory, "ids-", ".csv") : null;
                this.ids = idFiles ? new CsvWriter(Files.newOutputStream(idsPath), LINE_PIECE) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void write(List<String> values) {
            try {
                out.writeLine(values);
                // a chunk ends with a whole line: a load file may begin with any chunk
                out.flush();
                if (ids != null) {
                    ids.writeLine(Collections.singletonList(values.get(idColumn)));
                }
                rows++;
                if (buffer.size() > ChunkedGzip.CHUNK_BYTES - LINE_PIECE) {
                    spill();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void spill() {
            chunks.add(spool.append(buffer.bytes(), buffer.size()));
            buffer.reset();
        }

        /** The last chunk written, the id file closed. */
        void finish() {
            if (buffer.size() > 0) {
                spill();
            }
            buffer = null;
            out = null;
            closeIds();
        }

        void closeIds() {
            if (ids != null && !idsClosed) {
                idsClosed = true;
                try {
                    ids.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** A byte array stream whose bytes are handed to the deflater without a copy. */
    private static final class ChunkBuffer extends ByteArrayOutputStream {
        ChunkBuffer() {
            super(1024);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
