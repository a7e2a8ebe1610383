package io.bigpicture.ingest;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.catalog.WriteKeys;
import io.bigpicture.events.QueuedEvents;
import io.bigpicture.ingest.auth.WriteKeyCache;
import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.testing.TestingCatalog.TestSource;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** A source with a write key the running API knows, and what reached the queue for it. */
record TestSources(TestSource source, String writeKey) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static TestSources create(WriteKeyCache cache) {
        TestSource source = TestingCatalog.source("web");
        String writeKey = WriteKeys.generate();
        TestingCatalog.writeKey(source, WriteKeys.hash(writeKey), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.resolve(writeKey).isPresent());
        return new TestSources(source, writeKey);
    }

    /** Receives until this source's events have all arrived (at least {@code expected}); leaves others alone. */
    List<JsonNode> queued(int expected) {
        List<JsonNode> events = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        receive(expected, events, messages);
        return events;
    }

    /** The queue messages that carried this source's events. */
    List<Message> queuedMessages(int expectedEvents) {
        List<Message> messages = new ArrayList<>();
        receive(expectedEvents, new ArrayList<>(), messages);
        return messages;
    }

    private void receive(int expected, List<JsonNode> events, List<Message> messages) {
        try (SqsClient sqs = AwsClients.sqs(LocalStackResource.stack().sqsEndpoint())) {
            String url = sqs.getQueueUrl(b -> b.queueName(LocalStack.EVENTS_QUEUE)).queueUrl();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                for (Message message : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                        .messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All").waitTimeSeconds(1)).messages()) {
                    if (message.messageAttributes().get("sourceId").stringValue().equals(source.sourceId().toString())) {
                        messages.add(message);
                        for (String line : QueuedEvents.decode(message.body())) {
                            try {
                                events.add(JSON.readTree(line));
                            } catch (java.io.IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                    }
                }
                return events.size() >= expected;
            });
        }
    }
}
