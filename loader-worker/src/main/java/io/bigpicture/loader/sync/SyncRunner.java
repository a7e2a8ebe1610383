package io.bigpicture.loader.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.catalog.StagingFile;
import io.bigpicture.catalog.SyncBatch;
import io.bigpicture.catalog.SyncRun;
import io.bigpicture.events.Message;
import io.bigpicture.loader.config.LoaderConfig;
import io.bigpicture.loader.staging.StagedEvents;
import io.bigpicture.loader.storage.ObjectStore;
import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.Flattener;
import io.bigpicture.warehouse.RowMapper;
import io.bigpicture.warehouse.filter.CompiledFilters;
import io.bigpicture.warehouse.filter.DestinationFilters;
import jakarta.annotation.PostConstruct;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.jboss.logging.Logger;

/**
 * One sync job: the source's pending staging files into one warehouse. Schema first (DDL commits
 * before the catalog learns of it), then one load file per table, each merged by id. Running it
 * again after a failure at any step gives the same tables. Made at start, so that a worker without
 * the secrets' key (or with two) does not start.
 */
@ApplicationScoped
@Startup
public class SyncRunner {

    private static final Logger LOG = Logger.getLogger(SyncRunner.class);

    @Inject
    SyncCatalog catalog;

    @Inject
    ObjectStore objects;

    @Inject
    LoaderConfig config;

    @Inject
    ObjectMapper json;

    private SecretCipher cipher;
    private RowMapper rowMapper;

    @PostConstruct
    void init() {
        cipher = new SecretCipher(config.secrets().keyEncryptionKey());
        rowMapper = new RowMapper(new Flattener(config.sync().maxFlattenDepth()));
    }

    public void run(UUID jobId) {
        Optional<SyncStart> claimed = catalog.start(jobId);
        if (claimed.isEmpty()) {
            LOG.debugf("sync job %s is not waiting; nothing to do", jobId);
            return;
        }
        SyncStart start = claimed.get();
        SyncSteps steps = new SyncSteps();
        try {
            Map<String, Long> rows = load(start, steps);
            LOG.infof("sync job %s loaded %s", jobId, rows);
        } catch (Exception e) {
            LOG.warnf(e, "sync job %s failed", jobId);
            catalog.fail(start, SyncErrors.describe(e, start.warehouse(), start.source().schemaName()), steps);
        }
    }

    private Map<String, Long> load(SyncStart start, SyncSteps steps) throws Exception {
        // switched off, or no longer loading here: the staged files wait, should it be switched on again
        if (start.destination().isEmpty() || !start.destination().get().enabled()) {
            catalog.succeed(start, List.of(), SyncRun.Backlog.NONE, WarehouseLoad.Loaded.NOTHING, steps);
            return Map.of();
        }
        SyncBatch pending = catalog.pendingBatch(start, config.sync().maxFilesPerSync(), config.sync().maxStagedBytesPerSync().asLongValue());
        List<StagingFile> files = pending.files();
        if (files.isEmpty()) {
            catalog.succeed(start, files, SyncRun.Backlog.NONE, WarehouseLoad.Loaded.NOTHING, steps);
            return Map.of();
        }
        CompiledFilters filters = start.destination().get().filtersJson()
                .map(stored -> CompiledFilters.compile(DestinationFilters.fromJson(json, stored), start.warehouse().kind().integrationsKey(),
                        start.warehouse().name()))
                .orElse(CompiledFilters.NONE);
        BatchSchema staged = new BatchSchema();
        for (StagingFile file : files) {
            staged.merge(BatchSchema.fromJson(json.readTree(file.schemaJson())));
        }
        Discards.addTo(staged);
        String schema = start.source().schemaName();
        WarehouseTarget target = WarehouseTarget.of(start.warehouse(), cipher, rowMapper, objects, start.run().id().toString(),
                config.sync().tablesLoadedAtOnce());
        BatchSchema batch = target.load().filtered(staged, filters);
        Path directory = Files.createTempDirectory("sync-" + start.job().id());
        try (Connection connection = steps.run("connect", null, target::connect)) {
            SchemaEvolution.Evolved evolved = target.load().evolveSchema(connection, schema, batch, steps);
            catalog.recordColumns(start, schema, evolved.tables());
            List<WarehouseLoad.Messages> parts = files.stream().<WarehouseLoad.Messages>map(file -> sink -> readInto(file, sink)).toList();
            WarehouseLoad.Loaded loaded = target.load().loadRows(target::connect, schema, batch, evolved.tables(), parts, filters,
                    Instant.now(), directory, steps);
            catalog.succeed(start, files, pending.left(), loaded, steps);
            return loaded.rowsPerTable();
        } finally {
            Files.deleteIfExists(directory);
        }
    }

    /**
     * Streams one staging file from S3, message by message, parsed from the bytes as they come.
     * The stager wrote only messages that parsed, so a file that does not is damaged: the sync
     * fails saying which file, rather than load part of it.
     */
    private void readInto(StagingFile file, Consumer<Message> sink) throws IOException {
        try (InputStream in = new GZIPInputStream(objects.open(file.objectKey()), 65536);
             MappingIterator<JsonNode> messages = json.readerFor(JsonNode.class).readValues(in)) {
            while (messages.hasNextValue()) {
                StagedEvents.message(messages.nextValue()).ifPresent(sink);
            }
        } catch (JsonProcessingException damaged) {
            throw new IOException("staging file " + file.objectKey() + " is damaged: " + damaged.getOriginalMessage(), damaged);
        }
    }
}
