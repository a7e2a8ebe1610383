package io.bigpicture.loader.staging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.catalog.StagingFile;
import io.bigpicture.events.QueuedEvents;
import io.bigpicture.events.RejectNotice;
import io.bigpicture.loader.config.LoaderConfig;
import io.bigpicture.loader.storage.ObjectStore;
import io.bigpicture.warehouse.Flattener;
import io.bigpicture.warehouse.RowMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.aws.sqs.SqsIncomingMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The stager: buffers events from the {@code events} queue per source, writes each buffer as a
 * gzip NDJSON staging file to S3, records it in the catalog, and only then deletes the queue
 * messages. A crash anywhere leaves duplicates (removed at load by id), never gaps.
 */
@ApplicationScoped
public class EventStager {

    private static final Logger LOG = Logger.getLogger(EventStager.class);
    private static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    @Inject
    LoaderConfig config;

    @Inject
    ObjectStore objects;

    @Inject
    StagingFileRepository stagingFiles;

    @Inject
    ObjectMapper json;

    @Inject
    RecentEvents recentEvents;

    private StagingFileWriter writer;
    private final Map<UUID, SourceBuffer> buffers = new HashMap<>();
    private long bufferedBytes;
    /** Completed when the buffers have room again; the queue is not read meanwhile. */
    private CompletableFuture<Void> room = CompletableFuture.completedFuture(null);

    @PostConstruct
    void createWriter() {
        writer = new StagingFileWriter(json, new RowMapper(new Flattener(config.sync().maxFlattenDepth())));
    }

    @Incoming("events")
    public CompletionStage<Void> receive(Message<String> message) {
        Optional<UUID> tenant = attribute(message, QueuedEvents.TENANT_ATTRIBUTE).flatMap(EventStager::uuid);
        Optional<UUID> source = attribute(message, QueuedEvents.SOURCE_ATTRIBUTE).flatMap(EventStager::uuid);
        if (tenant.isEmpty() || source.isEmpty()) {
            LOG.warn("dropped an events message without tenant and source attributes");
            return message.ack();
        }
        if (attribute(message, QueuedEvents.KIND_ATTRIBUTE).filter(RejectNotice.QUEUE_KIND::equals).isPresent()) {
            // messages the tracking API left out: shown among the live events, never staged
            try {
                recentEvents.offerRejected(tenant.get(), source.get(), QueuedEvents.decode(message.getPayload()).stream()
                        .map(line -> RejectNotice.fromJson(json, line)).toList());
            } catch (IllegalArgumentException notOurs) {
                LOG.warnf("dropped a reject notices message that is not one: %s", notOurs.getMessage());
            }
            return message.ack();
        }
        List<String> lines;
        try {
            lines = QueuedEvents.decode(message.getPayload());
        } catch (IllegalArgumentException notOurs) {
            LOG.warnf("dropped an events message that is not a queued-events body: %s", notOurs.getMessage());
            return message.ack();
        }
        recentEvents.offer(tenant.get(), source.get(), lines);
        int bytes = lines.stream().mapToInt(String::length).sum();
        synchronized (this) {
            buffers.computeIfAbsent(source.get(), id -> new SourceBuffer(tenant.get(), id, Instant.now()))
                    .add(message, lines, bytes);
            bufferedBytes += bytes;
            if (bufferedBytes >= config.staging().maxBufferedBytes() && room.isDone()) {
                room = new CompletableFuture<>();
            }
            return room;
        }
    }

    /** Writes every buffer that is old or large enough. Runs on a worker thread: it blocks on S3. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushDue() {
        Instant now = Instant.now();
        for (SourceBuffer buffer : take(buffer -> !buffer.openedAt.plus(config.staging().flushInterval()).isAfter(now)
                || buffer.lines.size() >= config.staging().maxEventsPerFile()
                || !room.isDone())) {
            flush(buffer);
        }
    }

    /** On a graceful stop, staged now rather than redelivered after the visibility timeout. */
    void flushAll(@Observes ShutdownEvent shutdown) {
        take(buffer -> true).forEach(this::flush);
    }

    private synchronized List<SourceBuffer> take(Predicate<SourceBuffer> due) {
        List<SourceBuffer> taken = new ArrayList<>();
        buffers.values().removeIf(buffer -> {
            if (due.test(buffer)) {
                taken.add(buffer);
                return true;
            }
            return false;
        });
        return taken;
    }

    private void flush(SourceBuffer buffer) {
        try {
            Optional<StagingFileWriter.Written> written = writer.write(buffer.lines);
            if (written.isPresent()) {
                record(buffer, written.get());
            }
            CompletableFuture.allOf(buffer.messages.stream()
                    .map(message -> message.ack().toCompletableFuture())
                    .toArray(CompletableFuture[]::new)).join();
        } catch (Throwable e) {
            // not acknowledged: SQS delivers the messages again after their visibility timeout
            LOG.errorf(e, "staging %d events of source %s failed; they will be delivered again", buffer.lines.size(), buffer.sourceId);
        } finally {
            release(buffer);
        }
    }

    private void record(SourceBuffer buffer, StagingFileWriter.Written written) throws Throwable {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        String key = "staging/" + buffer.tenantId + "/" + buffer.sourceId + "/" + HOUR_PATH.format(now) + "/" + id + ".json.gz";
        try {
            objects.put(key, written.file());
        } finally {
            Files.deleteIfExists(written.file());
        }
        StagingFile file = new StagingFile(id, buffer.tenantId, buffer.sourceId, key, written.events(), written.bytes(),
                written.firstEventAt(), written.lastEventAt(), json.writeValueAsString(written.schema().toJson(json)), now);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> stagingFiles.persist(file)));
        LOG.debugf("staged %d events of source %s as %s", written.events(), buffer.sourceId, key);
    }

    private synchronized void release(SourceBuffer buffer) {
        bufferedBytes -= buffer.bytes;
        if (bufferedBytes < config.staging().maxBufferedBytes() && !room.isDone()) {
            room.complete(null);
        }
    }

    private static Optional<String> attribute(Message<String> message, String name) {
        return message.getMetadata(SqsIncomingMetadata.class)
                .map(metadata -> metadata.getMessage().messageAttributes().get(name))
                .map(MessageAttributeValue::stringValue);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
