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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The warehouse side of a sync, in two steps the caller runs in order: make the schema hold the
 * batch (the caller records it in the catalog after the warehouse committed), then load the rows:
 * one gzip CSV load file per table, kept on S3 with a manifest, merged into its table.
 */
public final class WarehouseLoad {

    /** Messages read one at a time, never held together. */
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

    private final WarehouseDialect dialect;
    private final BulkLoader bulkLoader;
    private final RowMapper rowMapper;
    private final LoadFileStore store;

    public WarehouseLoad(WarehouseDialect dialect, BulkLoader bulkLoader, RowMapper rowMapper, LoadFileStore store) {
        this.dialect = dialect;
        this.bulkLoader = bulkLoader;
        this.rowMapper = rowMapper;
        this.store = store;
    }

    public SchemaEvolution.Evolved evolveSchema(Connection connection, String schema, BatchSchema batch, SyncSteps steps) throws Exception {
        return steps.run("schema", null, () -> new SchemaEvolution(dialect).evolve(connection, schema, batch));
    }

    /** @param tables the schema's tables after {@link #evolveSchema} */
    public Loaded loadRows(Connection connection, String schema, BatchSchema batch, Map<String, Map<String, ColumnType>> tables,
                           Messages messages, Instant loadedAt, Path directory, SyncSteps steps) throws Exception {
        try (LoadFiles files = new LoadFiles(rowMapper, batch, tables, loadedAt, directory)) {
            List<LoadFiles.LoadFile> loadFiles = steps.run("load files", null, () -> {
                messages.each(files::add);
                return files.finish();
            });
            Map<String, Long> rows = new LinkedHashMap<>();
            for (LoadFiles.LoadFile file : loadFiles) {
                String manifest = steps.run("s3 put", file.table(), () -> {
                    String url = store.put(file.table() + ".csv.gz", file.path());
                    // the URL is our bucket and key: ids and sanitized names, nothing JSON must escape
                    return store.put(file.table() + ".manifest", "{\"entries\":[{\"url\":\"" + url + "\",\"mandatory\":true}]}");
                });
                rows.put(file.table(), steps.run("copy and merge", file.table(), () -> bulkLoader.load(connection, schema, file, manifest)));
            }
            return new Loaded(rows, files.discardsPerTable());
        }
    }
}
