package io.bigpicture.loader.staging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigpicture.events.EventType;
import io.bigpicture.events.Message;
import java.io.IOException;
import java.util.Optional;

/** Reading back one line of a staging file (or of a queue message): an enriched message. */
public final class StagedEvents {

    private StagedEvents() {
    }

    /** Empty for a line that is not a message we wrote; such a line cannot be loaded. */
    public static Optional<Message> parse(ObjectMapper json, String line) {
        try {
            return message(json.readTree(line));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** Empty for JSON that is not a message we wrote. */
    public static Optional<Message> message(JsonNode node) {
        if (node instanceof ObjectNode body && body.hasNonNull("messageId")) {
            return EventType.fromWireName(body.path("type").asText()).map(type -> new Message(type, body));
        }
        return Optional.empty();
    }
}
