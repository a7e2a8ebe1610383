package io.bigpicture.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One Segment message: its call type and its JSON body. The body keeps every field the client
 * sent (the warehouse may want fields we do not name here); the accessors read the spec's fields.
 */
public record Message(EventType type, ObjectNode body) {

    public Optional<String> messageId() {
        return text("messageId");
    }

    public Optional<String> userId() {
        return text("userId");
    }

    public Optional<String> anonymousId() {
        return text("anonymousId");
    }

    /** The event name of a track call. */
    public Optional<String> event() {
        return text("event");
    }

    public Optional<Instant> receivedAt() {
        return text("receivedAt").flatMap(Timestamps::parse);
    }

    /** {@code properties} for track, page and screen; {@code traits} for identify and group. */
    public ObjectNode payload() {
        String field = switch (type) {
            case IDENTIFY, GROUP -> "traits";
            case TRACK, PAGE, SCREEN, ALIAS -> "properties";
        };
        return object(field);
    }

    public ObjectNode context() {
        return object("context");
    }

    public Optional<String> text(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private ObjectNode object(String field) {
        JsonNode value = body.get(field);
        return value instanceof ObjectNode object ? object : body.objectNode();
    }
}
