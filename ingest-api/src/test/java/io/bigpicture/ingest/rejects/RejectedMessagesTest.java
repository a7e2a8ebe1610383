package io.bigpicture.ingest.rejects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.catalog.AllowedOrigins;
import io.bigpicture.events.ParseResult.Problem;
import io.bigpicture.events.ParseResult.RejectedMessage;
import io.bigpicture.ingest.auth.SourceKey;
import io.bigpicture.ingest.queue.EventQueue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that sends nothing but bad messages costs a bounded amount of memory and queue messages. */
class RejectedMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<UUID, List<String>> sent = new ConcurrentHashMap<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private RejectedMessages rejects;

    @BeforeEach
    void rejectsSentToARecordingQueue() {
        rejects = new RejectedMessages();
        rejects.json = JSON;
        rejects.meters = meters;
        rejects.queue = new EventQueue() {
            @Override
            public CompletableFuture<Void> sendRejectNotices(SourceKey source, List<String> noticeLines) {
                sent.computeIfAbsent(source.sourceId(), id -> new ArrayList<>()).addAll(noticeLines);
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    @Test
    void aSourcesNoticesGoInOneQueueMessageASecondAndOnlyItsNewest50() throws Exception {
        SourceKey source = source();
        rejects.notice(source, rejected(0, 40), Instant.now());
        rejects.notice(source, rejected(40, 70), Instant.now());

        rejects.send();

        assertThat(sent.get(source.sourceId())).hasSize(50);
        assertThat(JSON.readTree(sent.get(source.sourceId()).get(49)).get("messageId").asText()).isEqualTo("m69");
        assertThat(JSON.readTree(sent.get(source.sourceId()).get(0)).get("messageId").asText()).isEqualTo("m20");
        assertThat(meters.get("bigpicture.ingest.messages.rejected").tag("source", source.sourceId().toString()).counter().count())
                .as("every one is counted").isEqualTo(70);

        sent.clear();
        rejects.send();
        assertThat(sent).as("nothing new, nothing sent").isEmpty();
    }

    @Test
    void noticesWaitingForAllSourcesTogetherAreBounded() {
        for (int i = 0; i < 100; i++) {
            rejects.notice(source(), rejected(0, 30), Instant.now());
        }

        rejects.send();

        assertThat(sent.values().stream().mapToInt(List::size).sum()).isEqualTo(2_000);
    }

    private static SourceKey source() {
        return new SourceKey(UUID.randomUUID(), UUID.randomUUID(), null, 10_000, AllowedOrigins.ANY);
    }

    private static List<RejectedMessage> rejected(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new RejectedMessage(i, JSON.createObjectNode().put("type", "track").put("messageId", "m" + i),
                List.of(new Problem(i, "event", "is required and must be a non-empty string")))).toList();
    }
}
