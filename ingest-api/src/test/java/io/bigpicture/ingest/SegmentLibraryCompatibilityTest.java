package io.bigpicture.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import io.bigpicture.ingest.auth.WriteKeyCache;
import io.bigpicture.testing.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Segment's own Java library, pointed at our URL with our write key and nothing else changed:
 * every call it makes arrives on the queue, field by field.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SegmentLibraryCompatibilityTest {

    @Inject
    WriteKeyCache cache;

    @TestHTTPResource("/")
    URL api;

    @Test
    void everyCallOfTheJavaLibraryReachesTheQueueIntact() {
        TestSources sources = TestSources.create(cache);
        List<Message> delivered = new CopyOnWriteArrayList<>();
        List<Throwable> failed = new CopyOnWriteArrayList<>();
        Analytics analytics = Analytics.builder(sources.writeKey())
                .endpoint(api.toString())
                .flushInterval(1, TimeUnit.SECONDS)
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        delivered.add(message);
                    }

                    @Override
                    public void failure(Message message, Throwable throwable) {
                        failed.add(throwable);
                    }
                })
                .build();
        Date when = new Date(1714557600000L); // 2024-05-01T10:00:00Z
        try {
            analytics.enqueue(TrackMessage.builder("Order Completed").userId("u1").messageId("lib-track")
                    .timestamp(when).properties(Map.of("price", 9, "currency", "EUR")));
            analytics.enqueue(IdentifyMessage.builder().userId("u1").messageId("lib-identify").traits(Map.of("plan", "pro")));
            analytics.enqueue(PageMessage.builder("Home").anonymousId("a1").messageId("lib-page").properties(Map.of("path", "/")));
            analytics.enqueue(ScreenMessage.builder("Main").userId("u1").messageId("lib-screen"));
            analytics.enqueue(GroupMessage.builder("g1").userId("u1").messageId("lib-group").traits(Map.of("employees", 42)));
            analytics.enqueue(AliasMessage.builder("anon-1").userId("u1").messageId("lib-alias"));
            analytics.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() + failed.size() == 6);
        } finally {
            analytics.shutdown();
        }
        assertThat(failed).isEmpty();

        Map<String, JsonNode> queued = new java.util.HashMap<>();
        sources.queued(6).forEach(event -> queued.put(event.get("messageId").asText(), event));
        assertThat(queued).containsOnlyKeys("lib-track", "lib-identify", "lib-page", "lib-screen", "lib-group", "lib-alias");

        JsonNode track = queued.get("lib-track");
        assertThat(track.get("type").asText()).isEqualTo("track");
        assertThat(track.get("event").asText()).isEqualTo("Order Completed");
        assertThat(track.get("userId").asText()).isEqualTo("u1");
        assertThat(track.path("properties").get("price").asInt()).isEqualTo(9);
        assertThat(track.path("properties").get("currency").asText()).isEqualTo("EUR");
        assertThat(track.get("originalTimestamp").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(track.path("context").path("library").get("name").asText()).isEqualTo("analytics-java");
        assertThat(track.get("receivedAt").asText()).isNotBlank();
        assertThat(track.get("tenantId").asText()).isEqualTo(sources.source().tenantId().toString());

        assertThat(queued.get("lib-identify").path("traits").get("plan").asText()).isEqualTo("pro");
        assertThat(queued.get("lib-page").get("name").asText()).isEqualTo("Home");
        assertThat(queued.get("lib-page").get("anonymousId").asText()).isEqualTo("a1");
        assertThat(queued.get("lib-page").path("properties").get("path").asText()).isEqualTo("/");
        assertThat(queued.get("lib-screen").get("name").asText()).isEqualTo("Main");
        assertThat(queued.get("lib-group").get("groupId").asText()).isEqualTo("g1");
        assertThat(queued.get("lib-group").path("traits").get("employees").asInt()).isEqualTo(42);
        assertThat(queued.get("lib-alias").get("previousId").asText()).isEqualTo("anon-1");
    }
}
