package io.bigpicture.loader.sync;

import io.bigpicture.events.Message;
import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.RowMapper;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The warehouse side of a sync, in two steps the caller runs in order: make the schema hold the
 * batch (the caller records it in the catalog after the warehouse committed), then load the rows:
 * gzip CSV load files per table, written by several threads at once (one set per part of the
 * input), kept on S3 under one manifest per table, and merged into the table.
 */
public final class WarehouseLoad {

    /** One part of the input (a staging file): its messages read one at a time, never held together. */
    @FunctionalInterface
    public interface Messages {
        void each(Consumer<Message> sink) throws IOException;
    }

    /** Rows per table (distinct ids loaded) and values discarded per table. */
    public record Loaded(Map<String, Long> rowsPerTable, Map<String, Long> discardsPerTable) {
    }

    /** Where load files and their manifests are kept, as {@code s3://} URLs. */
    public interface LoadFileStore {
        String put(String name, Path file);

        String put(String name, String text);
    }

    /** One table's load files, from every thread that wrote some, in the same column order. */
    public record TableFiles(String table, List<String> columns, List<Path> paths) {
    }

    private final WarehouseDialect dialect;
    private final BulkLoader bulkLoader;
    private final RowMapper rowMapper;
    private final LoadFileStore store;
    private final int threads;

    public WarehouseLoad(WarehouseDialect dialect, BulkLoader bulkLoader, RowMapper rowMapper, LoadFileStore store) {
        this(dialect, bulkLoader, rowMapper, store, Runtime.getRuntime().availableProcessors());
    }

    public WarehouseLoad(WarehouseDialect dialect, BulkLoader bulkLoader, RowMapper rowMapper, LoadFileStore store, int threads) {
        this.dialect = dialect;
        this.bulkLoader = bulkLoader;
        this.rowMapper = rowMapper;
        this.store = store;
        this.threads = threads;
    }

    public SchemaEvolution.Evolved evolveSchema(Connection connection, String schema, BatchSchema batch, SyncSteps steps) throws Exception {
        return steps.run("schema", null, () -> new SchemaEvolution(dialect).evolve(connection, schema, batch));
    }

    /** @param tables the schema's tables after {@link #evolveSchema} */
    public Loaded loadRows(Connection connection, String schema, BatchSchema batch, Map<String, Map<String, ColumnType>> tables,
                           List<Messages> parts, Instant loadedAt, Path directory, SyncSteps steps) throws Exception {
        List<LoadFiles> writers = new ArrayList<>();
        try {
            List<TableFiles> files = steps.run("load files", null, () -> writeLoadFiles(batch, tables, parts, loadedAt, directory, writers));
            Map<String, Long> rows = new LinkedHashMap<>();
            for (TableFiles table : files) {
                String manifest = steps.run("s3 put", table.table(), () -> putOnS3(table));
                rows.put(table.table(), steps.run("copy and merge", table.table(), () -> bulkLoader.load(connection, schema, table, manifest)));
            }
            Map<String, Long> discards = new LinkedHashMap<>();
            writers.forEach(writer -> writer.discardsPerTable().forEach((table, count) -> discards.merge(table, count, Long::sum)));
            return new Loaded(rows, discards);
        } finally {
            writers.forEach(LoadFiles::close);
        }
    }

    /** Splits the parts among the threads; each thread writes its own set of files. */
    private List<TableFiles> writeLoadFiles(BatchSchema batch, Map<String, Map<String, ColumnType>> tables, List<Messages> parts,
                                            Instant loadedAt, Path directory, List<LoadFiles> writers) throws Exception {
        int workers = Math.max(1, Math.min(threads, parts.size()));
        for (int i = 0; i < workers; i++) {
            writers.add(new LoadFiles(rowMapper, batch, tables, dialect::physicalName, loadedAt, directory));
        }
        ExecutorService executor = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                LoadFiles writer = writers.get(i);
                List<Messages> mine = new ArrayList<>();
                for (int part = i; part < parts.size(); part += workers) {
                    mine.add(parts.get(part));
                }
                done.add(executor.submit(() -> {
                    for (Messages part : mine) {
                        part.each(writer::add);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            executor.shutdownNow();
        }
        Map<String, List<LoadFiles.LoadFile>> byTable = writers.stream()
                .flatMap(writer -> writer.finish().stream())
                .collect(Collectors.groupingBy(LoadFiles.LoadFile::table, LinkedHashMap::new, Collectors.toList()));
        List<TableFiles> files = new ArrayList<>();
        byTable.forEach((table, written) -> files.add(new TableFiles(table, written.get(0).columns(),
                written.stream().map(LoadFiles.LoadFile::path).toList())));
        return files;
    }

    /** The table's files and a manifest naming them all; returns the manifest's URL. */
    private String putOnS3(TableFiles table) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < table.paths().size(); i++) {
            String url = store.put(table.table() + "." + i + ".csv.gz", table.paths().get(i));
            // the URL is our bucket and key: ids and sanitized names, nothing JSON must escape
            entries.add("{\"url\":\"" + url + "\",\"mandatory\":true}");
        }
        return store.put(table.table() + ".manifest", "{\"entries\":[" + String.join(",", entries) + "]}");
    }
}
