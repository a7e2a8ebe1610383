package io.bigpicture.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigpicture.events.ParseResult.Problem;
import io.bigpicture.events.ParseResult.RejectedMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A message the tracking API left out, as a person sees it among the source's live events: when it
 * came, why it was left out, and what was sent (cut to {@link #MAX_MESSAGE_CHARS}). The tracking
 * API puts these on the events queue in messages of their own kind ({@link QueuedEvents#KIND_ATTRIBUTE}
 * {@value #QUEUE_KIND}), so that it needs no catalog; the stager shows them and stages nothing.
 */
public record RejectNotice(Instant receivedAt, Optional<String> type, Optional<String> event, Optional<String> messageId,
                           String reason, String message) {

    public static final String QUEUE_KIND = "rejected";
    public static final int MAX_MESSAGE_CHARS = 4096;

    public static RejectNotice of(RejectedMessage rejected, Instant receivedAt) {
        JsonNode message = rejected.message();
        String reason = rejected.problems().stream()
                .map(RejectNotice::describe)
                .collect(Collectors.joining("; "));
        return new RejectNotice(receivedAt, text(message, "type"), text(message, "event"), text(message, "messageId"), reason,
                cut(message.toString()));
    }

    public String toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("receivedAt", Timestamps.format(receivedAt));
        type.ifPresent(value -> node.put("type", value));
        event.ifPresent(value -> node.put("event", value));
        messageId.ifPresent(value -> node.put("messageId", value));
        node.put("reason", reason);
        node.put("message", message);
        return node.toString();
    }

    /** @throws IllegalArgumentException for a line that is not a notice */
    public static RejectNotice fromJson(ObjectMapper json, String line) {
        try {
            JsonNode node = json.readTree(line);
            Instant receivedAt = Timestamps.parse(node.path("receivedAt").asText(null))
                    .orElseThrow(() -> new IllegalArgumentException("a reject notice without its receivedAt"));
            return new RejectNotice(receivedAt, text(node, "type"), text(node, "event"), text(node, "messageId"),
                    node.path("reason").asText(""), node.path("message").asText(""));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a reject notice: " + e.getMessage(), e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** Cut on a character boundary, never inside a surrogate pair. */
    private static String cut(String text) {
        if (text.length() <= MAX_MESSAGE_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_MESSAGE_CHARS - 1)) ? MAX_MESSAGE_CHARS - 1 : MAX_MESSAGE_CHARS;
        return text.substring(0, end) + "…";
    }

    /** "field: reason", as a person reads it. */
    private static String describe(Problem problem) {
        return problem.field().isEmpty() ? problem.reason() : problem.field() + ": " + problem.reason();
    }
}
