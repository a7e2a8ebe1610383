package io.bigpicture.ingest.queue;

import io.bigpicture.events.QueuedEvents;
import io.bigpicture.events.RejectNotice;
import io.bigpicture.ingest.auth.SourceKey;
import io.bigpicture.ingest.config.IngestConfig;
import io.quarkus.runtime.Startup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Puts enriched events on the {@code events} queue. The events of concurrent requests of one
 * source share queue messages: a message is sent at once when none of the source's is on its way
 * to SQS, else when the one on its way arrives, when it is full, or when the coalescing window of
 * its first event has passed, whichever comes first; each request completes when every message
 * holding its events has been taken by SQS.
 */
@Startup
@ApplicationScoped
public class EventQueue {

    @Inject
    SqsAsyncClient sqs;

    @Inject
    IngestConfig config;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry meters;

    private static final Logger LOG = Logger.getLogger(EventQueue.class);
    private static final Duration QUEUE_LOOKUP_DEADLINE = Duration.ofMinutes(1);
    private static final Duration QUEUE_LOOKUP_PAUSE = Duration.ofSeconds(1);

    private String queueUrl;
    private Counter messagesSent;
    private Counter bytesSent;
    private final Map<UUID, Coalescer> coalescers = new ConcurrentHashMap<>();

    @PostConstruct
    void resolveQueue() throws InterruptedException {
        queueUrl = queueUrl();
        messagesSent = meters.counter("bigpicture.ingest.queue.messages");
        bytesSent = meters.counter("bigpicture.ingest.queue.bytes");
    }

    /**
     * At boot, once: a queue that does not exist stops the app rather than fail every request. SQS
     * not answering in time (while every part of a small machine starts at once, say) is tried
     * again for {@link #QUEUE_LOOKUP_DEADLINE} before it does.
     */
    private String queueUrl() throws InterruptedException {
        long deadline = System.nanoTime() + QUEUE_LOOKUP_DEADLINE.toNanos();
        while (true) {
            try {
                return sqs.getQueueUrl(request -> request.queueName(config.eventsQueue())).join().queueUrl();
            } catch (CompletionException failed) {
                if (!(failed.getCause() instanceof SdkClientException) || System.nanoTime() > deadline) {
                    throw failed;
                }
                LOG.warnf("SQS did not answer for queue %s (%s); trying again", config.eventsQueue(), failed.getCause().getMessage());
                Thread.sleep(QUEUE_LOOKUP_PAUSE.toMillis());
            }
        }
    }

    /** Completes when SQS has taken every event; fails if any part was refused or too slow. */
    public Uni<Void> send(SourceKey source, List<byte[]> eventLines) {
        CompletableFuture<Void> sent = coalescers.computeIfAbsent(source.sourceId(), id -> new Coalescer(source)).add(eventLines);
        return Uni.createFrom().completionStage(sent).ifNoItem().after(config.queueTimeout()).fail();
    }

    /**
     * Notices of messages left out, for the source's live events view: one queue message of their
     * own kind, which the stager shows and does not stage. Completes when SQS took it.
     */
    public CompletableFuture<Void> sendRejectNotices(SourceKey source, List<String> noticeLines) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>(sourceAttributes(source));
        attributes.put(QueuedEvents.KIND_ATTRIBUTE, text(RejectNotice.QUEUE_KIND));
        return sqs.sendMessage(request -> request.queueUrl(queueUrl)
                        .messageBody(QueuedEvents.encode(noticeLines))
                        .messageAttributes(attributes)
                        .messageGroupId(source.tenantId().toString()))
                .thenRun(messagesSent::increment);
    }

    private static Map<String, MessageAttributeValue> sourceAttributes(SourceKey source) {
        return Map.of(
                QueuedEvents.TENANT_ATTRIBUTE, text(source.tenantId().toString()),
                QueuedEvents.SOURCE_ATTRIBUTE, text(source.sourceId().toString()));
    }

    /** One source's open message and the requests waiting on it. */
    private final class Coalescer {
        private final Map<String, MessageAttributeValue> attributes;
        private final String groupId;
        private final QueuedEvents.Packer packer = new QueuedEvents.Packer(config.maxQueueMessageBytes());
        private CompletableFuture<Void> open;
        /** Messages of this source sealed and not yet taken by SQS (or refused). */
        private int inFlight;

        Coalescer(SourceKey source) {
            this.attributes = sourceAttributes(source);
            this.groupId = source.tenantId().toString();
        }

        /** A full group of lines and the requests that wait for it to be sent. */
        private record Sealed(List<byte[]> lines, CompletableFuture<Void> waiting) {
        }

        /**
         * Adds the lines to the open message under the lock, which only groups them; the messages
         * this seals are compressed and sent after it, so that the event loops never wait on each
         * other's gzip or SQS calls.
         */
        CompletableFuture<Void> add(List<byte[]> lines) {
            List<Sealed> sealed = new ArrayList<>(0);
            CompletableFuture<Void> waited;
            synchronized (this) {
                List<CompletableFuture<Void>> waits = new ArrayList<>(1);
                for (byte[] line : lines) {
                    List<byte[]> full = packer.add(line);
                    if (!full.isEmpty()) {
                        sealed.add(new Sealed(full, open));
                        open = null;
                    }
                    if (open == null) {
                        open = new CompletableFuture<>();
                        CompletableFuture<Void> mine = open;
                        long window = config.coalesceWindow().toMillis();
                        if (window > 0) {
                            vertx.setTimer(window, timer -> flush(mine));
                        }
                    }
                    if (waits.isEmpty() || waits.get(waits.size() - 1) != open) {
                        waits.add(open);
                    }
                }
                // nothing of this source on its way: waiting for others to share the message only adds latency
                if (config.coalesceWindow().toMillis() <= 0 || (inFlight == 0 && sealed.isEmpty())) {
                    sealed.add(new Sealed(packer.drain(), open));
                    open = null;
                }
                inFlight += sealed.size();
                waited = waits.size() == 1 ? waits.get(0) : CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
            }
            sealed.forEach(this::dispatch);
            return waited;
        }

        /** Sends the open message if it is still the one the timer was set for. */
        void flush(CompletableFuture<Void> expected) {
            Sealed sealed = null;
            synchronized (this) {
                if (open == expected && open != null) {
                    sealed = sealOpen();
                }
            }
            if (sealed != null) {
                dispatch(sealed);
            }
        }

        /** What gathered while a message was on its way goes as soon as none is: before its window ends. */
        private void sent() {
            Sealed sealed = null;
            synchronized (this) {
                inFlight--;
                if (inFlight == 0 && open != null) {
                    sealed = sealOpen();
                }
            }
            if (sealed != null) {
                dispatch(sealed);
            }
        }

        private Sealed sealOpen() {
            Sealed sealed = new Sealed(packer.drain(), open);
            open = null;
            inFlight++;
            return sealed;
        }

        private void dispatch(Sealed sealed) {
            CompletableFuture<?>[] sends = QueuedEvents.bodies(sealed.lines(), packer.maxBytes()).stream()
                    .map(body -> sqs.sendMessage(request -> request.queueUrl(queueUrl)
                                    .messageBody(body)
                                    .messageAttributes(attributes)
                                    .messageGroupId(groupId))
                            .thenRun(() -> {
                                messagesSent.increment();
                                bytesSent.increment(body.length());
                            })).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(sends).whenComplete((taken, failure) -> {
                sent();
                if (failure == null) {
                    sealed.waiting().complete(null);
                } else {
                    sealed.waiting().completeExceptionally(failure);
                }
            });
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
