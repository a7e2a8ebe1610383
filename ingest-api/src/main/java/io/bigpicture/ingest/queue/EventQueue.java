package io.bigpicture.ingest.queue;

import io.bigpicture.events.QueuedEvents;
import io.bigpicture.ingest.auth.SourceKey;
import io.bigpicture.ingest.config.IngestConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Puts enriched events on the {@code events} queue, tenant and source as message attributes. */
@Startup
@ApplicationScoped
public class EventQueue {

    public static final String TENANT_ATTRIBUTE = "tenantId";
    public static final String SOURCE_ATTRIBUTE = "sourceId";

    @Inject
    SqsAsyncClient sqs;

    @Inject
    IngestConfig config;

    private String queueUrl;

    @PostConstruct
    void resolveQueue() {
        // at boot, once: a missing queue should stop the app rather than fail every request
        queueUrl = sqs.getQueueUrl(request -> request.queueName(config.eventsQueue())).join().queueUrl();
    }

    /** Completes when SQS has taken every event; fails if any part was refused or too slow. */
    public Uni<Void> send(SourceKey source, List<String> eventLines) {
        Map<String, MessageAttributeValue> attributes = Map.of(
                TENANT_ATTRIBUTE, text(source.tenantId().toString()),
                SOURCE_ATTRIBUTE, text(source.sourceId().toString()));
        CompletableFuture<?>[] sends = QueuedEvents.pack(eventLines, config.maxQueueMessageBytes()).stream()
                .map(body -> sqs.sendMessage(request -> request.queueUrl(queueUrl)
                        .messageBody(body)
                        .messageAttributes(attributes)))
                .toArray(CompletableFuture[]::new);
        return Uni.createFrom().completionStage(CompletableFuture.allOf(sends))
                .ifNoItem().after(config.queueTimeout()).fail()
                .replaceWithVoid();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
