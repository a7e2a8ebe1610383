package io.bigpicture.loader.sync.run;

import io.bigpicture.loader.sync.bulk.BulkLoader;
import io.bigpicture.loader.sync.files.LoadFileNames;
import io.bigpicture.loader.sync.files.LoadFiles;
import io.bigpicture.loader.sync.files.Messages;
import io.bigpicture.loader.sync.files.SpooledGzip;
import io.bigpicture.loader.sync.files.TableFiles;
import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.ColumnBound;
import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.LoadFileSplit;
import io.bigpicture.warehouse.RowMapper;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.TypeCoercion;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import io.bigpicture.warehouse.filter.CompiledFilters;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The warehouse side of a sync, in two steps the caller runs in order: make the schema hold the
 * batch (the caller records it in the catalog after the warehouse committed), then load the rows:
 * gzip CSV per table, written by several threads at once (each its own part of the input), cut
 * into a multiple of the warehouse's slices, kept on S3 under one manifest per table (for a
 * warehouse that reads them there), and merged into the table with one COPY.
 */
public final class WarehouseLoad {

    /**
     * Rows per table (distinct ids loaded), values discarded per table and a few of them, what each
     * filter rule kept out, and the tables (our names) that failed while the others loaded.
     */
    public record Loaded(Map<String, Long> rowsPerTable, Map<String, Long> discardsPerTable, List<Discards.Example> discardExamples,
                         Map<String, Long> keptOutByRule, Map<String, Exception> failedTables) {

        public static final Loaded NOTHING = new Loaded(Map.of(), Map.of(), List.of(), Map.of(), Map.of());
    }

    /** Opens a connection to the warehouse: each table loads on one, several tables at once. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws Exception;
    }

    /** Where load files and their manifests are kept, as {@code s3://} URLs. */
    public interface LoadFileStore {
        String put(String name, SpooledGzip file);

        String put(String name, String text);
    }

    private final WarehouseDialect dialect;
    private final BulkLoader bulkLoader;
    private final RowMapper rowMapper;
    private final LoadFileStore store;
    private final int tablesAtOnce;
    private final SchemaLimits limits;
    private final long smallestLoadFile;
    private final int writerThreads = Runtime.getRuntime().availableProcessors();

    /** @param tablesAtOnce tables loaded at the same time, each in its own transaction on its own connection */
    public WarehouseLoad(WarehouseDialect dialect, BulkLoader bulkLoader, RowMapper rowMapper, LoadFileStore store, int tablesAtOnce) {
        this(dialect, bulkLoader, rowMapper, store, tablesAtOnce, dialect.limits(), LoadFileSplit.SMALLEST_FILE);
    }

    /** @param smallestLoadFile bytes (gzip) a table's load file has at least, unless the table has less */
    public WarehouseLoad(WarehouseDialect dialect, BulkLoader bulkLoader, RowMapper rowMapper, LoadFileStore store, int tablesAtOnce,
                         SchemaLimits limits, long smallestLoadFile) {
        this.dialect = dialect;
        this.bulkLoader = bulkLoader;
        this.rowMapper = rowMapper;
        this.store = store;
        this.tablesAtOnce = tablesAtOnce;
        this.limits = limits;
        this.smallestLoadFile = smallestLoadFile;
    }

    /** The warehouse's slices, read once at the start of a sync: each table's files are a multiple of them. */
    public int slices(Connection connection) throws SQLException {
        return bulkLoader.slices(connection);
    }

    public SchemaLimits limits() {
        return limits;
    }

    /** The batch less what the filters keep out of this warehouse, by its names. */
    public BatchSchema filtered(BatchSchema batch, CompiledFilters filters) {
        return filters.prune(batch, dialect::physicalName);
    }

    public SchemaEvolution.Evolved evolveSchema(Connection connection, String schema, BatchSchema batch, SyncSteps steps) throws Exception {
        return steps.run("schema", null, () -> new SchemaEvolution(dialect).evolve(connection, schema, batch, limits));
    }

    /**
     * Writes the load files, puts them on S3 if the warehouse reads them there (one table's while
     * the tables before it load) and loads the tables, {@code tablesAtOnce} at a time, each in its
     * own step and transaction. A table that fails does not stop the others: it is among
     * {@link Loaded#failedTables}, with the tables whose schema change failed. Only a stop request
     * ends the loading early.
     *
     * @param evolved what {@link #evolveSchema} made of the batch ({@link #filtered} by {@code filters}):
     *                the schema's tables, and the batch as far as the warehouse's limits let it in
     * @param slices  the warehouse's {@link #slices}
     * @param filters what of the source goes into this warehouse
     */
    public Loaded loadRows(Connections connections, int slices, String schema, SchemaEvolution.Evolved evolved,
                           List<Messages> parts, CompiledFilters filters, Instant loadedAt, Path directory, SyncSteps steps) throws Exception {
        SchemaLimits.Fitted fitted = evolved.fitted();
        Map<String, Map<String, ColumnType>> tables = evolved.tables();
        Map<String, Exception> failedTables = new ConcurrentHashMap<>(evolved.failedTables());
        List<LoadFiles> writers = new ArrayList<>();
        ExecutorService uploads = Executors.newSingleThreadExecutor();
        ExecutorService loaders = Executors.newFixedThreadPool(tablesAtOnce);
        try {
            List<TableFiles> files = steps.run("load files", null,
                    () -> writeLoadFiles(fitted, evolved.failedTables().keySet(), tables, evolved.bounds(), parts, filters, loadedAt, directory, writers,
                            new LoadFileSplit(slices, smallestLoadFile, LoadFileSplit.LARGEST_FILE)));
            List<Future<String>> manifests = new ArrayList<>();
            for (TableFiles table : files) {
                manifests.add(bulkLoader.readsFromS3() ? uploads.submit(() -> steps.run("s3 put", table.table(), () -> putOnS3(table)))
                        : CompletableFuture.completedFuture(null));
            }
            long[] rows = new long[files.size()];
            List<Discards.Refused> refused = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger next = new AtomicInteger();
            ExecutorCompletionService<Void> loading = new ExecutorCompletionService<>(loaders);
            int connectionsUsed = Math.min(tablesAtOnce, files.size());
            for (int i = 0; i < connectionsUsed; i++) {
                loading.submit(() -> {
                    try (Connection connection = connections.open()) {
                        for (int table = next.getAndIncrement(); table < files.size(); table = next.getAndIncrement()) {
                            TableFiles load = files.get(table);
                            try {
                                String manifest = result(manifests.get(table));
                                BulkLoader.TableLoaded loaded = steps.run("copy and merge", load.table(),
                                        () -> ConflictRetry.run(load.table(), () -> bulkLoader.load(connection, schema, load, manifest)));
                                rows[table] = loaded.rows();
                                refused.addAll(loaded.refused());
                            } catch (SyncSteps.StopRequested stop) {
                                throw stop;
                            } catch (Exception failed) {
                                failedTables.put(load.table(), failed);
                            }
                        }
                    } catch (Exception e) {
                        next.set(files.size());
                        throw e;
                    }
                    return null;
                });
            }
            for (int i = 0; i < connectionsUsed; i++) {
                result(loading.take());
            }
            if (!refused.isEmpty()) {
                steps.run("refused rows", null, () -> {
                    discardRefused(connections, schema, refused, loadedAt);
                    return null;
                });
            }
            Map<String, Long> rowsPerTable = new LinkedHashMap<>();
            for (int i = 0; i < files.size(); i++) {
                if (!failedTables.containsKey(files.get(i).table())) {
                    rowsPerTable.put(files.get(i).table(), rows[i]);
                }
            }
            Map<String, Long> discards = new LinkedHashMap<>();
            writers.forEach(writer -> writer.discardsPerTable().forEach((table, count) -> discards.merge(table, count, Long::sum)));
            refused.forEach(row -> discards.merge(row.table(), 1L, Long::sum));
            Map<String, List<Discards.Example>> examples = new LinkedHashMap<>();
            writers.forEach(writer -> writer.discardExamples().forEach((table, some) -> {
                List<Discards.Example> kept = examples.computeIfAbsent(table, name -> new ArrayList<>());
                some.stream().limit(Discards.EXAMPLES_PER_TABLE - kept.size()).forEach(kept::add);
            }));
            refused.forEach(row -> {
                List<Discards.Example> kept = examples.computeIfAbsent(row.table(), name -> new ArrayList<>());
                if (kept.size() < Discards.EXAMPLES_PER_TABLE) {
                    kept.add(row.example());
                }
            });
            Map<String, Long> keptOut = new LinkedHashMap<>();
            writers.forEach(writer -> writer.keptOut().addTo(keptOut));
            return new Loaded(rowsPerTable, discards, examples.values().stream().flatMap(List::stream).toList(), keptOut,
                    Map.copyOf(failedTables));
        } finally {
            uploads.shutdownNow();
            loaders.shutdownNow();
            // no upload or load may still read a file when the files are deleted
            uploads.awaitTermination(1, TimeUnit.MINUTES);
            loaders.awaitTermination(1, TimeUnit.HOURS);
            writers.forEach(LoadFiles::close);
        }
    }

    /**
     * The rows the warehouse refused, into {@code discards} after every table loaded (so that no
     * two transactions write it at once), replacing what a run before put there for them.
     */
    private void discardRefused(Connections connections, String schema, List<Discards.Refused> refused, Instant loadedAt) throws Exception {
        String loadedAtText = TypeCoercion.formatTimestamp(loadedAt);
        try (Connection connection = connections.open();
             PreparedStatement delete = connection.prepareStatement(dialect.deleteById(schema, Discards.TABLE));
             PreparedStatement insert = connection.prepareStatement(dialect.insertRow(schema, Discards.TABLE, Discards.TYPES))) {
            connection.setAutoCommit(false);
            for (Discards.Refused row : refused) {
                List<String> values = row.row(loadedAtText);
                delete.setString(1, values.get(0));
                delete.addBatch();
                for (int i = 0; i < values.size(); i++) {
                    insert.setString(i + 1, values.get(i));
                }
                insert.addBatch();
            }
            delete.executeBatch();
            insert.executeBatch();
            connection.commit();
        }
    }

    private static <T> T result(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Splits the parts among the threads; each thread writes its own set of files. */
    private List<TableFiles> writeLoadFiles(SchemaLimits.Fitted fitted, Set<String> failedTables, Map<String, Map<String, ColumnType>> tables,
                                            Map<String, Map<String, ColumnBound>> bounds,
                                            List<Messages> parts,
                                            CompiledFilters filters, Instant loadedAt, Path directory, List<LoadFiles> writers,
                                            LoadFileSplit split) throws Exception {
        int workers = Math.max(1, Math.min(writerThreads, parts.size()));
        for (int i = 0; i < workers; i++) {
            writers.add(new LoadFiles(rowMapper, fitted, dialect.rowSize(), failedTables, tables, bounds, dialect::physicalName, loadedAt, directory,
                    bulkLoader.readsIdFiles(), bulkLoader.readsFromS3(), filters));
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
                        part.each(message -> writer.add(message, part));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                result(future);
            }
        } finally {
            executor.shutdownNow();
        }
        Map<String, List<LoadFiles.LoadFile>> byTable = writers.stream()
                .flatMap(writer -> writer.finish().stream())
                .collect(Collectors.groupingBy(LoadFiles.LoadFile::table, LinkedHashMap::new, Collectors.toList()));
        List<TableFiles> files = new ArrayList<>();
        byTable.values().forEach(written -> files.add(TableFiles.of(written, split)));
        return files;
    }

    /** The table's files and a manifest naming them all; returns the manifest's URL. */
    private String putOnS3(TableFiles table) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < table.files().size(); i++) {
            urls.add(store.put(LoadFileNames.file(table.table(), i), table.files().get(i)));
        }
        return store.put(LoadFileNames.manifest(table.table()), bulkLoader.manifest(urls));
    }
}
