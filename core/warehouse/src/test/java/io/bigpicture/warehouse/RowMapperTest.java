package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigpicture.events.EventType;
import io.bigpicture.events.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RowMapper mapper = new RowMapper(new Flattener(Flattener.DEFAULT_MAX_DEPTH));

    @Test
    void aTrackCallIsARowInTracksAndOneInItsEventsTable() throws Exception {
        List<Row> rows = mapper.rows(message(EventType.TRACK, """
                {"messageId":"m1","userId":"u1","event":"Order Completed","receivedAt":"2024-05-01T10:00:00Z",
                 "timestamp":"2024-05-01T09:59:59Z","context":{"library":{"name":"analytics-java"}},
                 "properties":{"price":9,"productId":"p-1","id":"own-id","address":{"city":"Oslo"},"tags":["a","b"],"gone":null}}"""));

        assertThat(rows).extracting(Row::table).containsExactly("tracks", "order_completed");
        Row tracks = rows.get(0);
        assertThat(tracks.values().keySet()).containsExactly("id", "received_at", "timestamp", "user_id",
                "context_library_name", "event", "event_text");
        assertThat(tracks.values().get("event").asText()).isEqualTo("order_completed");
        assertThat(tracks.values().get("event_text").asText()).isEqualTo("Order Completed");

        Row event = rows.get(1);
        assertThat(event.values()).containsKeys("price", "product_id", "_id", "address_city", "tags");
        assertThat(event.values()).doesNotContainKey("gone");
        assertThat(event.values().get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(event.typeOf("price")).contains(ColumnType.BIGINT);
        assertThat(event.typeOf("received_at")).contains(ColumnType.TIMESTAMP);
        assertThat(event.id()).isEqualTo("m1");
    }

    @Test
    void otherCallsGoToTheirTypesTable() throws Exception {
        assertThat(mapper.rows(message(EventType.GROUP, "{\"messageId\":\"m\",\"userId\":\"u\",\"groupId\":\"g\",\"traits\":{\"plan\":\"pro\"}}")))
                .singleElement().satisfies(row -> {
                    assertThat(row.table()).isEqualTo("groups");
                    assertThat(row.values()).containsKeys("group_id", "plan");
                });
        assertThat(mapper.rows(message(EventType.PAGE, "{\"messageId\":\"m\",\"userId\":\"u\",\"name\":\"Home\"}")))
                .singleElement().satisfies(row -> assertThat(row.values().get("name").asText()).isEqualTo("Home"));
    }

    @Test
    void anIdentifyCallIsAlsoItsUsersRowKeyedByUserId() throws Exception {
        List<Row> rows = mapper.rows(message(EventType.IDENTIFY, """
                {"messageId":"m","userId":"u-7","receivedAt":"2024-05-01T10:00:00Z","traits":{"plan":"pro","id":"own"},"context":{"ip":"1.2.3.4"}}"""));

        assertThat(rows).extracting(Row::table).containsExactly("identifies", "users");
        Row user = rows.get(1);
        assertThat(user.id()).isEqualTo("u-7");
        assertThat(user.values().keySet()).containsExactly("id", "received_at", "plan", "_id");
        assertThat(mapper.rows(message(EventType.IDENTIFY, "{\"messageId\":\"m\",\"anonymousId\":\"a\",\"traits\":{}}")))
                .extracting(Row::table).containsExactly("identifies");
    }

    @Test
    void twoSentNamesForOneColumnGoToThatColumnFirstValueFirst() throws Exception {
        Row event = mapper.rows(message(EventType.TRACK, """
                {"messageId":"m","userId":"u","event":"E","properties":{"productId":1,"product_id":2}}""")).get(1);

        assertThat(event.values().get("product_id").asInt()).isEqualTo(1);
        assertThat(event.clashes()).containsExactly(new Row.Clash("product_id", IntNode.valueOf(2)));
    }

    @Test
    void aClashInContextIsOneInEveryRowThatCarriesContext() throws Exception {
        List<Row> rows = mapper.rows(message(EventType.TRACK, """
                {"messageId":"m","userId":"u","event":"E","context":{"a":"first","A":"second"},"properties":{"contextA":"own"}}"""));

        assertThat(rows.get(0).clashes()).extracting(Row.Clash::column).containsExactly("context_a");
        assertThat(rows.get(1).clashes()).extracting(Row.Clash::column).containsExactly("context_a");
        assertThat(rows.get(1).values().get("_context_a").asText()).isEqualTo("own");
        assertThat(rows.get(1).values().get("context_a").asText()).isEqualTo("first");
    }

    @Test
    void objectsDeeperThanTheLimitAreStoredAsJsonText() throws Exception {
        Row event = new RowMapper(new Flattener(2)).rows(message(EventType.TRACK, """
                {"messageId":"m","userId":"u","event":"E","properties":{"a":{"b":{"c":1}}}}""")).get(1);

        assertThat(event.values().get("a_b").toString()).isEqualTo("{\"c\":1}");
    }

    private static Message message(EventType type, String json) throws Exception {
        return new Message(type, (ObjectNode) JSON.readTree(json));
    }
}
