package io.bigpicture.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.events.ParseResult.Accepted;
import io.bigpicture.events.ParseResult.Problem;
import io.bigpicture.events.ParseResult.Refused;
import io.bigpicture.events.ParseResult.RejectedMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageParserTest {

    private final MessageParser parser = new MessageParser(new ObjectMapper());

    @Test
    void aTrackCallIsAcceptedWithItsTypeFromTheEndpoint() {
        var result = parser.parseSingle(EventType.TRACK, bytes("""
                {"userId":"u1","event":"Order Completed","properties":{"price":9},"type":"identify"}"""));

        Accepted accepted = (Accepted) result;
        assertThat(accepted.messages()).singleElement().satisfies(message -> {
            assertThat(message.type()).isEqualTo(EventType.TRACK);
            assertThat(message.event()).contains("Order Completed");
            assertThat(message.body().get("type").asText()).isEqualTo("track");
        });
        assertThat(accepted.writeKey()).isEmpty();
    }

    @Test
    void aTrackCallWithoutAnEventNameIsRejectedNamingTheField() {
        var result = parser.parseSingle(EventType.TRACK, bytes("{\"userId\":\"u1\"}"));

        assertThat(((Refused) result).problems()).containsExactly(
                new Problem(-1, "event", "is required and must be a non-empty string"));
    }

    @Test
    void aMessageNeedsAUserIdOrAnAnonymousId() {
        var result = parser.parseSingle(EventType.PAGE, bytes("{\"name\":\"Home\"}"));

        assertThat(((Refused) result).problems()).extracting(Problem::field).containsExactly("userId");
    }

    @Test
    void numericUserIdsAreKeptAsStrings() {
        var result = (Accepted) parser.parseSingle(EventType.IDENTIFY, bytes("{\"userId\":42}"));

        assertThat(result.messages().get(0).userId()).contains("42");
    }

    @Test
    void theWriteKeyInTheBodyIsTakenOutOfTheMessage() {
        var result = (Accepted) parser.parseSingle(EventType.TRACK, bytes("""
                {"writeKey":"secret","userId":"u1","event":"E"}"""));

        assertThat(result.writeKey()).contains("secret");
        assertThat(result.messages().get(0).body().has("writeKey")).isFalse();
    }

    @Test
    void aBatchKeepsItsGoodMessagesAndRejectsEachBadOneWithItsIndex() {
        var result = parser.parseBatch(bytes("""
                {"writeKey":"k","batch":[
                  {"type":"track","userId":"u1","event":"A"},
                  {"type":"track","userId":"u1"},
                  {"type":"bogus","userId":"u1"},
                  42,
                  {"type":"identify","userId":"u2","timestamp":"not a date"},
                  {"type":"group","anonymousId":"a1","writeKey":"other"}
                ]}"""));

        Accepted accepted = (Accepted) result;
        assertThat(accepted.messages()).extracting(Message::type).containsExactly(EventType.TRACK);
        assertThat(accepted.writeKey()).contains("k");
        assertThat(accepted.rejected()).extracting(RejectedMessage::index).containsExactly(1, 2, 3, 4, 5);
        assertThat(accepted.rejected()).flatExtracting(RejectedMessage::problems).containsExactly(
                new Problem(1, "event", "is required and must be a non-empty string"),
                new Problem(2, "type", "must be one of track, identify, page, screen, group, alias"),
                new Problem(3, "", "must be a JSON object"),
                new Problem(4, "timestamp", "must be an ISO-8601 date-time string"),
                new Problem(5, "groupId", "is required"));
        assertThat(accepted.rejected().get(2).message().asInt()).isEqualTo(42);
        assertThat(accepted.rejected().get(4).message().has("writeKey")).as("a key never goes further").isFalse();
    }

    @Test
    void aBatchWithoutAnyGoodMessageIsRefusedNamingEveryProblem() {
        var result = parser.parseBatch(bytes("""
                {"batch":[{"type":"track","userId":"u1"},{"type":"alias","userId":"u1"}]}"""));

        Refused refused = (Refused) result;
        assertThat(refused.problems()).extracting(Problem::index, Problem::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "event"), org.assertj.core.groups.Tuple.tuple(1, "previousId"));
        assertThat(refused.rejected()).hasSize(2);
    }

    @Test
    void aBadSingleCallIsRefusedAndKeptAsItsOneRejectedMessage() {
        var result = parser.parseSingle(EventType.TRACK, bytes("{\"writeKey\":\"k\",\"userId\":\"u1\",\"messageId\":\"m1\"}"));

        Refused refused = (Refused) result;
        assertThat(refused.writeKey()).contains("k");
        assertThat(refused.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.index()).isEqualTo(-1);
            assertThat(rejected.message().get("messageId").asText()).isEqualTo("m1");
            assertThat(rejected.message().has("writeKey")).isFalse();
        });
    }

    @Test
    void batchLevelContextAndSentAtApplyToMessagesThatLackTheirOwn() {
        var result = (Accepted) parser.parseBatch(bytes("""
                {"sentAt":"2024-01-01T00:00:10Z","context":{"library":{"name":"x"}},"batch":[
                  {"type":"track","userId":"u1","event":"A"},
                  {"type":"track","userId":"u1","event":"B","context":{"own":true}}
                ]}"""));

        assertThat(result.messages().get(0).context().path("library").path("name").asText()).isEqualTo("x");
        assertThat(result.messages().get(0).text("sentAt")).contains("2024-01-01T00:00:10Z");
        assertThat(result.messages().get(1).context().has("library")).isFalse();
    }

    @Test
    void timestampsMustBeIsoDateTimes() {
        var result = parser.parseSingle(EventType.TRACK, bytes("""
                {"userId":"u1","event":"A","timestamp":"yesterday"}"""));

        assertThat(((Refused) result).problems()).extracting(Problem::field).containsExactly("timestamp");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRejected() {
        assertThat(parser.parseBatch(bytes("[1,2]"))).isInstanceOf(Refused.class);
        assertThat(parser.parseSingle(EventType.TRACK, bytes("{not json"))).isInstanceOf(Refused.class);
    }

    @Test
    void aMessageIdLongerThanTheLimitIsRejected() {
        String id = "x".repeat(MessageParser.MAX_MESSAGE_ID_LENGTH + 1);
        var result = parser.parseSingle(EventType.TRACK, bytes("{\"userId\":\"u\",\"event\":\"E\",\"messageId\":\"" + id + "\"}"));

        assertThat(((Refused) result).problems()).extracting(Problem::field).containsExactly("messageId");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
