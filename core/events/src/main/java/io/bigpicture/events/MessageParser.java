package io.bigpicture.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigpicture.events.ParseResult.Accepted;
import io.bigpicture.events.ParseResult.Problem;
import io.bigpicture.events.ParseResult.Refused;
import io.bigpicture.events.ParseResult.RejectedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the bodies of the tracking API: a single call ({@code /v1/track} and friends) or a batch
 * ({@code {"batch":[...], "context":..., "integrations":..., "sentAt":...}}) and checks each
 * message against the Segment spec.
 */
public final class MessageParser {

    public static final int MAX_MESSAGE_ID_LENGTH = 100;
    private static final List<String> BATCH_DEFAULTS = List.of("context", "integrations", "sentAt");

    private final ObjectMapper json;

    public MessageParser(ObjectMapper json) {
        this.json = json;
    }

    /** A body sent to the endpoint of one call type; a {@code type} field in it is ignored. */
    public ParseResult parseSingle(EventType type, byte[] body) {
        Optional<ObjectNode> root = readObject(body);
        if (root.isEmpty()) {
            return notAnObject();
        }
        ObjectNode message = root.get();
        Optional<String> writeKey = removeWriteKey(message);
        message.put("type", type.wireName());
        List<Problem> problems = new ArrayList<>();
        validate(type, message, -1, problems);
        return problems.isEmpty()
                ? new Accepted(List.of(new Message(type, message)), List.of(-1), List.of(), writeKey)
                : new Refused(problems, List.of(new RejectedMessage(-1, message, problems)), writeKey);
    }

    /**
     * A batch: its valid messages are accepted and the others rejected one by one, as Segment's own
     * API does, since every Segment library drops a whole batch that is answered 4xx.
     */
    public ParseResult parseBatch(byte[] body) {
        Optional<ObjectNode> root = readObject(body);
        if (root.isEmpty()) {
            return notAnObject();
        }
        Optional<String> writeKey = removeWriteKey(root.get());
        if (!(root.get().get("batch") instanceof ArrayNode batch)) {
            return new Refused(List.of(new Problem(-1, "batch", "must be an array of messages")), List.of(), writeKey);
        }
        if (batch.isEmpty()) {
            return new Refused(List.of(new Problem(-1, "batch", "must hold at least one message")), List.of(), writeKey);
        }
        List<Message> messages = new ArrayList<>(batch.size());
        List<Integer> indexes = new ArrayList<>(batch.size());
        List<RejectedMessage> rejected = new ArrayList<>();
        // one list for every message's problems: most have none, and copy nothing
        List<Problem> problems = new ArrayList<>();
        for (int index = 0; index < batch.size(); index++) {
            JsonNode element = batch.get(index);
            problems.clear();
            if (!(element instanceof ObjectNode message)) {
                rejected.add(new RejectedMessage(index, element, List.of(new Problem(index, "", "must be a JSON object"))));
                continue;
            }
            message.remove("writeKey");
            for (String field : BATCH_DEFAULTS) {
                if (!message.hasNonNull(field) && root.get().hasNonNull(field)) {
                    message.set(field, root.get().get(field).deepCopy());
                }
            }
            Optional<EventType> type = Optional.ofNullable(message.get("type"))
                    .filter(JsonNode::isTextual)
                    .flatMap(node -> EventType.fromWireName(node.asText()));
            if (type.isEmpty()) {
                problems.add(new Problem(index, "type", "must be one of track, identify, page, screen, group, alias"));
            } else {
                validate(type.get(), message, index, problems);
            }
            if (problems.isEmpty()) {
                messages.add(new Message(type.get(), message));
                indexes.add(index);
            } else {
                rejected.add(new RejectedMessage(index, message, List.copyOf(problems)));
            }
        }
        if (messages.isEmpty()) {
            return new Refused(rejected.stream().flatMap(message -> message.problems().stream()).toList(), rejected, writeKey);
        }
        return new Accepted(messages, indexes, rejected, writeKey);
    }

    private Optional<ObjectNode> readObject(byte[] body) {
        try {
            return json.readTree(body) instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (java.io.IOException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<String> removeWriteKey(ObjectNode message) {
        JsonNode writeKey = message.remove("writeKey");
        return writeKey != null && writeKey.isTextual() ? Optional.of(writeKey.asText()) : Optional.empty();
    }

    private static void validate(EventType type, ObjectNode message, int index, List<Problem> problems) {
        normalizeId(message, "userId", index, problems);
        normalizeId(message, "anonymousId", index, problems);
        if (!message.hasNonNull("userId") && !message.hasNonNull("anonymousId")) {
            problems.add(new Problem(index, "userId", "userId or anonymousId is required"));
        }
        switch (type) {
            case TRACK -> requireText(message, "event", index, problems);
            case GROUP -> normalizeRequiredId(message, "groupId", index, problems);
            case ALIAS -> normalizeRequiredId(message, "previousId", index, problems);
            case IDENTIFY, PAGE, SCREEN -> optionalText(message, "name", index, problems);
        }
        for (String field : List.of("properties", "traits", "context", "integrations")) {
            JsonNode value = message.get(field);
            if (value != null && !value.isNull() && !value.isObject()) {
                problems.add(new Problem(index, field, "must be an object"));
            }
        }
        for (String field : List.of("timestamp", "sentAt", "originalTimestamp")) {
            JsonNode value = message.get(field);
            if (value != null && !value.isNull()
                    && (!value.isTextual() || Timestamps.parse(value.asText()).isEmpty())) {
                problems.add(new Problem(index, field, "must be an ISO-8601 date-time string"));
            }
        }
        JsonNode messageId = message.get("messageId");
        if (messageId != null && !messageId.isNull()) {
            if (!messageId.isTextual() || messageId.asText().isEmpty()) {
                problems.add(new Problem(index, "messageId", "must be a non-empty string"));
            } else if (messageId.asText().length() > MAX_MESSAGE_ID_LENGTH) {
                problems.add(new Problem(index, "messageId", "must be at most " + MAX_MESSAGE_ID_LENGTH + " characters"));
            }
        }
    }

    /** Ids may be sent as numbers by some libraries; they are stored as strings. */
    private static void normalizeId(ObjectNode message, String field, int index, List<Problem> problems) {
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isNumber()) {
            message.put(field, value.asText());
        } else if (!value.isTextual()) {
            problems.add(new Problem(index, field, "must be a string"));
        } else if (value.asText().isEmpty()) {
            message.remove(field);
        }
    }

    private static void normalizeRequiredId(ObjectNode message, String field, int index, List<Problem> problems) {
        normalizeId(message, field, index, problems);
        if (!message.hasNonNull(field)) {
            problems.add(new Problem(index, field, "is required"));
        }
    }

    private static void requireText(ObjectNode message, String field, int index, List<Problem> problems) {
        JsonNode value = message.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            problems.add(new Problem(index, field, "is required and must be a non-empty string"));
        }
    }

    private static void optionalText(ObjectNode message, String field, int index, List<Problem> problems) {
        JsonNode value = message.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            problems.add(new Problem(index, field, "must be a string"));
        }
    }

    private static Refused notAnObject() {
        return new Refused(List.of(new Problem(-1, "body", "must be a JSON object")), List.of(), Optional.empty());
    }
}
