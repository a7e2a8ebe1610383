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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A source with a write key the running API knows, and what reached the queue for it: its events,
 * and the notices of messages the API left out (queue messages of their own kind).
 */
final class TestSources {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestSource source;
    private final String writeKey;
    /** Received from the queue and not yet asked for, so that asking for one kind never loses the other. */
    private final List<Message> eventMessages = new ArrayList<>();
    private final List<Message> noticeMessages = new ArrayList<>();

    private TestSources(TestSource source, String writeKey) {
        this.source = source;
        this.writeKey = writeKey;
    }

    static TestSources create(WriteKeyCache cache) {
        TestSource source = TestingCatalog.source("web");
        String writeKey = WriteKeys.generate();
        TestingCatalog.writeKey(source, WriteKeys.hash(writeKey), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.resolve(writeKey).isPresent());
        return new TestSources(source, writeKey);
    }

    TestSource source() {
        return source;
    }

    String writeKey() {
        return writeKey;
    }

    /** Receives until this source's events have all arrived (at least {@code expected}); leaves others alone. */
    List<JsonNode> queued(int expected) {
        return lines(take(eventMessages, expected));
    }

    /** The queue messages that carried this source's events. */
    List<Message> queuedMessages(int expectedEvents) {
        return take(eventMessages, expectedEvents);
    }

    /** Receives until this source's notices of messages left out have arrived (at least {@code expected}). */
    List<JsonNode> rejectNotices(int expected) {
        return lines(take(noticeMessages, expected));
    }

    private List<Message> take(List<Message> kind, int expectedLines) {
        try (SqsClient sqs = AwsClients.sqs(LocalStackResource.stack().sqsEndpoint())) {
            String url = sqs.getQueueUrl(b -> b.queueName(LocalStack.EVENTS_QUEUE)).queueUrl();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                if (lines(kind).size() >= expectedLines) {
                    return true;
                }
                for (Message message : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                        .messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All").waitTimeSeconds(1)).messages()) {
                    if (message.messageAttributes().get(QueuedEvents.SOURCE_ATTRIBUTE).stringValue().equals(source.sourceId().toString())) {
                        (message.messageAttributes().containsKey(QueuedEvents.KIND_ATTRIBUTE) ? noticeMessages : eventMessages).add(message);
                        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                    }
                }
                return lines(kind).size() >= expectedLines;
            });
        }
        List<Message> taken = List.copyOf(kind);
        kind.clear();
        return taken;
    }

    private static List<JsonNode> lines(List<Message> messages) {
        List<JsonNode> lines = new ArrayList<>();
        for (Message message : messages) {
            for (String line : QueuedEvents.decode(message.body())) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }
}
