package io.bigpicture.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRetriedSendWithAnotherSentAtHasTheSameId() throws Exception {
        Message first = message("{\"userId\":\"u\",\"event\":\"E\",\"sentAt\":\"2024-01-01T00:00:00Z\"}");
        Message retry = message("{\"userId\":\"u\",\"event\":\"E\",\"sentAt\":\"2024-01-01T00:05:00Z\"}");

        assertThat(MessageIds.contentHash(retry)).isEqualTo(MessageIds.contentHash(first));
    }

    @Test
    void differentContentHasADifferentId() throws Exception {
        Message nine = message("{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"price\":9}}");
        Message ten = message("{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"price\":10}}");

        assertThat(MessageIds.contentHash(nine)).isNotEqualTo(MessageIds.contentHash(ten));
    }

    @Property
    void theOrderOfKeysDoesNotChangeTheId(@ForAll @Size(min = 1, max = 8) Map<@StringLength(min = 1, max = 6) String, Integer> properties) {
        List<String> keys = new ArrayList<>(properties.keySet());
        ObjectNode inOrder = body(keys, properties);
        Collections.reverse(keys);
        ObjectNode reversed = body(keys, properties);

        assertThat(MessageIds.contentHash(new Message(EventType.TRACK, reversed)))
                .isEqualTo(MessageIds.contentHash(new Message(EventType.TRACK, inOrder)));
    }

    private static ObjectNode body(List<String> keys, Map<String, Integer> values) {
        ObjectNode body = JSON.createObjectNode().put("userId", "u").put("event", "E");
        ObjectNode properties = body.putObject("properties");
        keys.forEach(key -> properties.put(key, values.get(key)));
        return body;
    }

    private static Message message(String json) throws Exception {
        return new Message(EventType.TRACK, (ObjectNode) JSON.readTree(json));
    }
}
