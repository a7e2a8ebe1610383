package io.bigpicture.loader.sync;

import io.bigpicture.events.Message;
import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.RowMapper;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The warehouse side of a sync, in two steps the caller runs in order: make the schema hold the
 * batch (the caller records it in the catalog after the warehouse committed), then load the rows.
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

    private final WarehouseDialect dialect;
    private final BulkLoader bulkLoader;
    private final RowMapper rowMapper;

    public WarehouseLoad(WarehouseDialect dialect, BulkLoader bulkLoader, RowMapper rowMapper) {
        this.dialect = dialect;
        this.bulkLoader = bulkLoader;
        this.rowMapper = rowMapper;
    }

    public SchemaEvolution.Evolved evolveSchema(Connection connection, String schema, BatchSchema batch) throws SQLException {
        return new SchemaEvolution(dialect).evolve(connection, schema, batch);
    }

    /** @param tables the schema's tables after {@link #evolveSchema} */
    public Loaded loadRows(Connection connection, String schema, BatchSchema batch, Map<String, Map<String, ColumnType>> tables,
                           Messages messages, Instant loadedAt, Path directory) throws IOException, SQLException {
        try (LoadFiles files = new LoadFiles(rowMapper, batch, tables, loadedAt, directory)) {
            messages.each(files::add);
            Map<String, Long> rows = new LinkedHashMap<>();
            for (LoadFiles.LoadFile file : files.finish()) {
                rows.put(file.table(), bulkLoader.load(connection, schema, file));
            }
            return new Loaded(rows, files.discardsPerTable());
        }
    }
}
