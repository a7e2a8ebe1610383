package io.bigpicture.loader.sync.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.catalog.StagingFile;
import io.bigpicture.catalog.SyncBatch;
import io.bigpicture.catalog.SyncRun;
import io.bigpicture.catalog.SyncRunStep;
import io.bigpicture.loader.config.LoaderConfig;
import io.bigpicture.loader.staging.StagedEvents;
import io.bigpicture.loader.storage.ObjectStore;
import io.bigpicture.loader.sync.files.Messages;
import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.Flattener;
import io.bigpicture.warehouse.Redaction;
import io.bigpicture.warehouse.RowMapper;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.UnboundedNames;
import io.bigpicture.warehouse.filter.CompiledFilters;
import io.bigpicture.warehouse.filter.DestinationFilters;
import io.bigpicture.warehouse.network.TlsTrust;
import io.bigpicture.warehouse.network.WarehouseAddresses;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.aws.sqs.SqsOutboundMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * One sync job: the source's pending staging files into one warehouse. Schema first (DDL commits
 * before the catalog learns of it), then each table's load files, merged by id. Running it
 * again after a failure at any step gives the same tables. Made at start, so that a worker without
 * the secrets' key (or with two) does not start.
 *
 * <p>Asked to stop, the worker starts no new sync and no new step; each running sync ends its
 * current step and hands the job back, so that another worker runs it at once.
 */
@ApplicationScoped
@Startup
public class SyncRunner {

    private static final Logger LOG = Logger.getLogger(SyncRunner.class);

    @Inject
    SyncLeases leases;

    @Inject
    SyncRuns runs;

    @Inject
    ObjectStore objects;

    @Inject
    LoaderConfig config;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String catalogUrl;

    /** Jobs that kept failing until they ran out of attempts, for an operator to look at. */
    @Inject
    @Channel("dead-sync-jobs")
    MutinyEmitter<String> deadJobs;

    private SecretCipher cipher;
    /** Ends each sync's sessions at its wall-clock limit. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sync-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    private WarehouseAddresses addresses;
    private TlsTrust trust;
    private RowMapper rowMapper;
    private volatile boolean stopping;
    /** Syncs running on this worker now; guarded by itself. */
    private final int[] active = new int[1];

    @PostConstruct
    void init() {
        cipher = new SecretCipher(config.secrets().keyEncryptionKey());
        addresses = config.warehouses().addresses(catalogUrl);
        trust = config.warehouses().trust();
        rowMapper = new RowMapper(new Flattener(config.sync().maxFlattenDepth()));
    }

    public void run(UUID jobId) {
        boolean accepted;
        synchronized (active) {
            accepted = !stopping;
            if (accepted) {
                active[0]++;
            }
        }
        if (!accepted) {
            leases.returnUnclaimed(jobId);
            return;
        }
        try {
            Optional<SyncStart> claimed = leases.start(jobId);
            if (claimed.isEmpty()) {
                LOG.debugf("sync job %s is not waiting; nothing to do", jobId);
                return;
            }
            runClaimed(claimed.get());
        } finally {
            synchronized (active) {
                active[0]--;
                active.notifyAll();
            }
        }
    }

    private void runClaimed(SyncStart start) {
        UUID jobId = start.job().id();
        SyncSteps steps = new SyncSteps(() -> stopping);
        try (SyncDeadline deadline = new SyncDeadline(config.sync().maxDuration(), deadlines)) {
            runClaimed(start, steps, deadline);
        }
    }

    private void runClaimed(SyncStart start, SyncSteps steps, SyncDeadline deadline) {
        UUID jobId = start.job().id();
        try {
            Map<String, Long> rows = load(start, steps, deadline);
            LOG.infof("sync job %s loaded %s", jobId, rows);
        } catch (SyncSteps.StopRequested stop) {
            LOG.infof("sync job %s handed back: %s", jobId, stop.getMessage());
            runs.handBack(start, stop, steps);
        } catch (Exception e) {
            LOG.warnf("sync job %s failed: %s", jobId, Redaction.stackTrace(e));
            SyncErrors.Failure failure = deadline.passed() ? new SyncErrors.Failure(deadline.inWords(), false)
                    : SyncErrors.describe(e, start.warehouse(), start.schema());
            if (runs.fail(start, failure, steps)) {
                LOG.errorf("sync job %s failed %d times; sent to the dead-letter queue", jobId, start.job().attempts());
                deadJobs.sendMessageAndAwait(Message.of(jobId.toString()).addMetadata(SqsOutboundMetadata.builder().messageAttributes(Map.of(
                        "tenantId", text(start.job().tenantId().toString()),
                        "warehouseId", text(start.job().warehouseId().toString()),
                        "reason", text(failure.reason()))).build()));
            }
        }
    }

    /**
     * Asked to stop: no sync or step begins from now on, and the syncs running end their current
     * steps and hand their jobs back. Waits for that at most {@code bigpicture.sync.stop-wait},
     * renewing their leases meanwhile; a step still running then is taken over by another worker
     * once its lease runs out.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        Instant deadline = Instant.now().plus(config.sync().stopWait());
        synchronized (active) {
            stopping = true;
            while (active[0] > 0 && Instant.now().isBefore(deadline)) {
                LOG.infof("stopping: waiting for %d syncs to end their current step", active[0]);
                active.wait(Math.max(1, Math.min(config.sync().leaseRenewal().toMillis(), Duration.between(Instant.now(), deadline).toMillis())));
                if (active[0] > 0) {
                    leases.renewLeases();
                }
            }
            if (active[0] > 0) {
                LOG.warnf("stopped with %d syncs still in a step; another worker takes them over when their leases run out", active[0]);
            }
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** Loads what is pending; a staging file found damaged is set aside and the sync starts over without it. */
    private Map<String, Long> load(SyncStart start, SyncSteps steps, SyncDeadline deadline) throws Exception {
        while (true) {
            try {
                return loadPending(start, steps, deadline);
            } catch (DamagedStagingFile damaged) {
                setAside(start, damaged, steps);
            }
        }
    }

    /**
     * The catalog first, so that no sync takes the file again even if the move fails (the object
     * then stays where it was until the staging files' expiry).
     */
    private void setAside(SyncStart start, DamagedStagingFile damaged, SyncSteps steps) throws Exception {
        StagingFile file = damaged.file();
        steps.run(SyncRunStep.SET_ASIDE, null, "set aside " + damaged.getMessage() + "; it is kept at " + file.quarantineKey(), () -> {
            runs.quarantine(start, file, damaged.getMessage());
            try {
                objects.move(file.objectKey(), file.quarantineKey());
            } catch (RuntimeException notMoved) {
                LOG.warnf(notMoved, "staging file %s is set aside but stays where it is", file.objectKey());
            }
            return null;
        });
        LOG.warnf("sync job %s set aside %s", start.job().id(), damaged.getMessage());
    }

    private Map<String, Long> loadPending(SyncStart start, SyncSteps steps, SyncDeadline deadline) throws Exception {
        // switched off, or no longer loading here: the staged files wait, should it be switched on again
        if (start.destination().isEmpty() || !start.destination().get().enabled()) {
            runs.succeed(start, List.of(), Map.of(), SyncRun.Backlog.NONE, WarehouseLoad.Loaded.NOTHING, steps);
            return Map.of();
        }
        SyncBatch pending = runs.pendingBatch(start, config.sync().maxFilesPerSync(), config.sync().maxStagedBytesPerSync().asLongValue());
        List<StagingFile> files = pending.files();
        if (files.isEmpty()) {
            runs.succeed(start, files, Map.of(), SyncRun.Backlog.NONE, WarehouseLoad.Loaded.NOTHING, steps);
            return Map.of();
        }
        // a message's own integrations object counts whether or not anyone saved filters here
        DestinationFilters saved = start.destination().get().filtersJson()
                .map(stored -> DestinationFilters.fromJson(json, stored))
                .orElse(DestinationFilters.NONE);
        CompiledFilters filters = CompiledFilters.compile(saved, start.warehouse().kind().integrationsKey(), start.warehouse().name());
        // files that loaded before but for some tables: those tables only
        Map<UUID, Set<String>> retried = runs.tablesToRetry(start, files);
        BatchSchema staged = new BatchSchema();
        for (StagingFile file : files) {
            BatchSchema fileSchema = BatchSchema.fromJson(json.readTree(file.schemaJson()));
            staged.merge(retried.containsKey(file.id()) ? fileSchema.only(retried.get(file.id())) : fileSchema);
        }
        Discards.addTo(staged);
        String schema = start.schema();
        WarehouseTarget target = WarehouseTarget.of(start.warehouse(), cipher, addresses, trust, deadline, rowMapper, objects, start.run().id().toString(),
                config.sync());
        BatchSchema batch = target.load().filtered(staged, filters);
        Path directory = Files.createTempDirectory("sync-" + start.job().id());
        try (Connection connection = steps.run("connect", null, target::connect)) {
            int slices = target.load().slices(connection);
            SchemaEvolution.Evolved evolved = target.load().evolveSchema(connection, schema, batch, steps);
            runs.recordColumns(start, schema, evolved.tables());
            warn(evolved, target.load().limits(), steps);
            List<Messages> parts = files.stream().map(file -> part(file, retried.get(file.id()))).toList();
            WarehouseLoad.Loaded loaded = target.load().loadRows(target::connect, slices, schema, evolved, parts, filters, Instant.now(), directory, steps);
            if (loaded.failedTables().isEmpty()) {
                runs.succeed(start, files, retried, pending.left(), loaded, steps);
            } else if (loaded.rowsPerTable().isEmpty()) {
                throw loaded.failedTables().values().iterator().next();
            } else {
                runs.partial(start, files, retried, pending.left(), loaded, failedTables(start, loaded.failedTables()), steps);
            }
            return loaded.rowsPerTable();
        } finally {
            deleteQuietly(directory);
        }
    }

    /**
     * The sync's local files, whatever it left there: a load that stopped half way (a damaged
     * staging file, a failed table) leaves spool files, and their cleanup must not hide why.
     */
    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException stays) {
                    LOG.warnf("could not delete %s: %s", path, stays.getMessage());
                }
            });
        } catch (IOException | UncheckedIOException unreadable) {
            LOG.warnf("could not delete %s: %s", directory, unreadable.getMessage());
        }
    }

    /** A staging file as the load reads it: all its tables, or only those to retry. */
    private Messages part(StagingFile file, Set<String> onlyTables) {
        return new Messages() {
            @Override
            public void each(Consumer<io.bigpicture.events.Message> sink) throws IOException {
                readInto(file, sink);
            }

            @Override
            public boolean loads(String table) {
                return onlyTables == null || onlyTables.contains(table);
            }
        };
    }

    /** The failed tables in words, each with its reason; a person must act if any of them needs one. */
    private static SyncErrors.Failure failedTables(SyncStart start, Map<String, Exception> failed) {
        List<String> reasons = new ArrayList<>();
        boolean needsPerson = false;
        for (Map.Entry<String, Exception> table : failed.entrySet()) {
            SyncErrors.Failure failure = SyncErrors.describe(table.getValue(), start.warehouse(), start.schema());
            reasons.add(table.getKey() + ": " + failure.reason());
            needsPerson |= failure.needsPerson();
        }
        return new SyncErrors.Failure(failed.size() + " of the tables did not load; the others did, and the next sync loads only these. "
                + String.join("; ", reasons), needsPerson);
    }

    /** A table or the warehouse at its limit, or names that look unbounded: a note in the run for a person to act on. */
    private static void warn(SchemaEvolution.Evolved evolved, SchemaLimits limits, SyncSteps steps) throws Exception {
        List<String> warnings = new ArrayList<>(evolved.fitted().inWords(limits));
        UnboundedNames.inWords(evolved.applied(), evolved.tablesBefore()).ifPresent(warnings::add);
        for (String warning : warnings) {
            steps.run(SyncRunStep.WARNING, null, warning, () -> null);
        }
    }

    /**
     * Streams one staging file from S3, message by message, parsed from the bytes as they come.
     * The stager wrote only messages that parsed, whole objects at once, so a file that is not gzip
     * or not JSON is damaged: it is set aside whole, rather than load part of it.
     */
    private void readInto(StagingFile file, Consumer<io.bigpicture.events.Message> sink) throws IOException {
        try (InputStream in = new GZIPInputStream(objects.open(file.objectKey()), 65536);
             MappingIterator<JsonNode> messages = json.readerFor(JsonNode.class).readValues(in)) {
            while (messages.hasNextValue()) {
                StagedEvents.message(messages.nextValue()).ifPresent(sink);
            }
        } catch (JsonProcessingException notJson) {
            throw new DamagedStagingFile(file, notJson.getOriginalMessage(), notJson);
        } catch (ZipException notGzip) {
            // a stream cut short (EOFException) may be the network's doing: that fails the sync, to be tried again
            throw new DamagedStagingFile(file, notGzip.getMessage(), notGzip);
        }
    }
}
