package io.bigpicture.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.events.ParseResult.Problem;
import io.bigpicture.events.ParseResult.RejectedMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectNoticeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void aNoticeSaysWhatWasSentAndWhyItWasLeftOutAndSurvivesTheQueue() throws Exception {
        RejectedMessage rejected = new RejectedMessage(2, JSON.readTree("{\"type\":\"track\",\"messageId\":\"m1\",\"userId\":\"u\",\"timestamp\":\"soon\"}"),
                List.of(new Problem(2, "event", "is required and must be a non-empty string"),
                        new Problem(2, "timestamp", "must be an ISO-8601 date-time string")));

        RejectNotice notice = RejectNotice.fromJson(JSON, RejectNotice.of(rejected, RECEIVED).toJson(JSON));

        assertThat(notice.receivedAt()).isEqualTo(RECEIVED);
        assertThat(notice.type()).contains("track");
        assertThat(notice.event()).isEmpty();
        assertThat(notice.messageId()).contains("m1");
        assertThat(notice.reason()).isEqualTo("event: is required and must be a non-empty string; timestamp: must be an ISO-8601 date-time string");
        assertThat(JSON.readTree(notice.message()).get("timestamp").asText()).isEqualTo("soon");
    }

    @Test
    void aLargeMessageIsCutOnACharacterBoundary() throws Exception {
        // a surrogate pair straddles the cut
        String text = "x".repeat(RejectNotice.MAX_MESSAGE_CHARS - 12) + "😀".repeat(20);
        RejectedMessage rejected = new RejectedMessage(0, JSON.getNodeFactory().textNode(text), List.of(new Problem(0, "", "must be a JSON object")));

        String message = RejectNotice.of(rejected, RECEIVED).message();

        assertThat(message).endsWith("…").hasSizeLessThanOrEqualTo(RejectNotice.MAX_MESSAGE_CHARS + 1);
        assertThat(Character.isHighSurrogate(message.charAt(message.length() - 2))).isFalse();
    }
}
