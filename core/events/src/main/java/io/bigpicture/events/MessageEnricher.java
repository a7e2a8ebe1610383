package io.bigpicture.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Adds what the warehouse needs and the client may not send (docs/design.md, section 3): a
 * {@code messageId}, {@code receivedAt}, a {@code timestamp} corrected for the client's clock skew,
 * {@code context.ip}, and the tenant and source the write key belongs to.
 */
public final class MessageEnricher {

    private MessageEnricher() {
    }

    /**
     * The message with what it lacks added. Shares the sent message's nested values, copying only
     * what it changes (the top level, and {@code context} when it adds the ip), so that a batch's
     * events are not copied whole; the sent message stays as it was.
     */
    public static Message enrich(Message message, Enrichment enrichment) {
        ObjectNode body = shallowCopy(message.body());
        if (!body.hasNonNull("messageId")) {
            body.put("messageId", MessageIds.contentHash(message));
        }
        body.put("receivedAt", enrichment.receivedAtText());
        // RudderStack libraries send originalTimestamp where Segment ones send timestamp
        Optional<Instant> sentTimestamp = instant(body, "timestamp").or(() -> instant(body, "originalTimestamp"));
        sentTimestamp.ifPresent(original -> body.put("originalTimestamp", Timestamps.format(original)));
        Instant timestamp = correctedTimestamp(sentTimestamp, instant(body, "sentAt"), enrichment.receivedAt());
        body.put("timestamp", timestamp.equals(enrichment.receivedAt()) ? enrichment.receivedAtText() : Timestamps.format(timestamp));
        if (!(body.get("context") instanceof ObjectNode sentContext)) {
            ObjectNode context = body.putObject("context");
            enrichment.clientIp().ifPresent(ip -> context.put("ip", ip));
        } else if (!sentContext.hasNonNull("ip") && enrichment.clientIp().isPresent()) {
            ObjectNode context = shallowCopy(sentContext);
            context.put("ip", enrichment.clientIp().get());
            body.set("context", context);
        }
        body.put("tenantId", enrichment.tenantId());
        body.put("sourceId", enrichment.sourceId());
        return new Message(message.type(), body);
    }

    /** The same fields in the same order, holding the same (shared) values. */
    private static ObjectNode shallowCopy(ObjectNode object) {
        ObjectNode copy = object.objectNode();
        copy.setAll(object);
        return copy;
    }

    /**
     * {@code receivedAt - (sentAt - timestamp)}: the event's time on the server's clock, assuming the
     * delay between sending and receiving is small next to the client's clock error.
     */
    static Instant correctedTimestamp(Optional<Instant> timestamp, Optional<Instant> sentAt, Instant receivedAt) {
        if (timestamp.isEmpty()) {
            return receivedAt;
        }
        if (sentAt.isEmpty()) {
            return timestamp.get();
        }
        return receivedAt.minus(Duration.between(timestamp.get(), sentAt.get()));
    }

    private static Optional<Instant> instant(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || !value.isTextual() ? Optional.empty() : Timestamps.parse(value.asText());
    }
}
