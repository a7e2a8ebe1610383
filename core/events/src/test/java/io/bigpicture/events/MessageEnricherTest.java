package io.bigpicture.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageEnricherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00Z");
    private static final Enrichment ENRICHMENT = new Enrichment(RECEIVED, Optional.of("203.0.113.7"), "tenant-1", "source-1");

    @Test
    void theTimestampIsCorrectedForTheClientsClockSkew() throws Exception {
        // the client's clock is 1 hour behind: it stamped the event 10 s before it sent it
        Message message = message("""
                {"userId":"u","event":"E","timestamp":"2024-05-01T10:59:50Z","sentAt":"2024-05-01T11:00:00Z"}""");

        Message enriched = MessageEnricher.enrich(message, ENRICHMENT);

        assertThat(enriched.text("timestamp")).contains("2024-05-01T11:59:50Z");
        assertThat(enriched.text("originalTimestamp")).contains("2024-05-01T10:59:50Z");
        assertThat(enriched.text("receivedAt")).contains("2024-05-01T12:00:00Z");
    }

    @Test
    void withoutATimestampTheEventHappenedWhenItWasReceived() throws Exception {
        Message enriched = MessageEnricher.enrich(message("{\"userId\":\"u\",\"event\":\"E\"}"), ENRICHMENT);

        assertThat(enriched.text("timestamp")).contains("2024-05-01T12:00:00Z");
        assertThat(enriched.text("originalTimestamp")).isEmpty();
    }

    @Test
    void aSentMessageIdIsKeptAndAMissingOneIsTheContentHash() throws Exception {
        Message withId = MessageEnricher.enrich(message("{\"userId\":\"u\",\"event\":\"E\",\"messageId\":\"m-1\"}"), ENRICHMENT);
        Message withoutId = message("{\"userId\":\"u\",\"event\":\"E\"}");

        assertThat(withId.messageId()).contains("m-1");
        assertThat(MessageEnricher.enrich(withoutId, ENRICHMENT).messageId()).contains(MessageIds.contentHash(withoutId));
    }

    @Test
    void theRequestIpFillsContextIpOnlyWhenTheClientSentNone() throws Exception {
        Message withoutIp = MessageEnricher.enrich(message("{\"userId\":\"u\",\"event\":\"E\"}"), ENRICHMENT);
        Message withIp = MessageEnricher.enrich(message("{\"userId\":\"u\",\"event\":\"E\",\"context\":{\"ip\":\"10.0.0.1\"}}"), ENRICHMENT);

        assertThat(withoutIp.context().get("ip").asText()).isEqualTo("203.0.113.7");
        assertThat(withIp.context().get("ip").asText()).isEqualTo("10.0.0.1");
    }

    @Test
    void theSentMessageStaysAsItWas() throws Exception {
        String sent = "{\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"2024-05-01T10:00:00Z\",\"context\":{\"library\":{\"name\":\"x\"}}}";
        Message message = message(sent);

        MessageEnricher.enrich(message, ENRICHMENT);

        assertThat(message.body()).isEqualTo(JSON.readTree(sent));
    }

    @Test
    void theTenantAndSourceAreRecorded() throws Exception {
        Message enriched = MessageEnricher.enrich(message("{\"userId\":\"u\",\"event\":\"E\"}"), ENRICHMENT);

        assertThat(enriched.text("tenantId")).contains("tenant-1");
        assertThat(enriched.text("sourceId")).contains("source-1");
    }

    private static Message message(String json) throws Exception {
        return new Message(EventType.TRACK, (ObjectNode) JSON.readTree(json));
    }
}
