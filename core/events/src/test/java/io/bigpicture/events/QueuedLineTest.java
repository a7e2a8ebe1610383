package io.bigpicture.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The tracking API's path from a parsed message to its line in a queue message, made cheaper
 * (a shallow copy in enrichment, UTF-8 written straight from the tree, a deflater per thread),
 * against the path it replaced, kept here as the reference: for random valid messages the line
 * that arrives through the queue is the same, field by field and in order.
 */
class QueuedLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Enrichment ENRICHMENT = new Enrichment(Instant.parse("2024-05-01T12:00:00.123Z"), Optional.of("203.0.113.7"),
            "tenant-1", "source-1");

    @Property(tries = 500)
    void theQueuedLineIsTheOnePathBeforeWrote(@ForAll("messages") String sent) throws Exception {
        ParseResult.Accepted parsed = (ParseResult.Accepted) new MessageParser(JSON).parseBatch(("{\"batch\":[" + sent + "]}").getBytes(StandardCharsets.UTF_8));
        Message message = parsed.messages().get(0);
        JsonNode sentBody = message.body().deepCopy();

        String before = QueuedEvents.decode(referenceBody(message)).get(0);
        QueuedEvents.Packer packer = new QueuedEvents.Packer(256 * 1024);
        packer.add(QueuedEvents.lineWriter(JSON).writeValueAsBytes(MessageEnricher.enrich(message, ENRICHMENT).body()));
        String now = QueuedEvents.decode(QueuedEvents.bodies(packer.drain(), packer.maxBytes()).get(0)).get(0);

        assertThat(JSON.readTree(now)).isEqualTo(JSON.readTree(before));
        assertThat(fieldNames(JSON.readTree(now))).isEqualTo(fieldNames(JSON.readTree(before)));
        if (!hasLoneSurrogate(before)) {
            assertThat(now).isEqualTo(before);
        }
        assertThat(message.body()).as("the sent message is left as it was").isEqualTo(sentBody);
    }

    /** The path before: a deep copy enriched, written as a String, escaped, gzip through GZIPOutputStream, base64. */
    private static String referenceBody(Message message) throws Exception {
        ObjectNode body = message.body().deepCopy();
        if (!body.hasNonNull("messageId")) {
            body.put("messageId", MessageIds.contentHash(message));
        }
        body.put("receivedAt", java.time.format.DateTimeFormatter.ISO_INSTANT.format(ENRICHMENT.receivedAt()));
        Optional<Instant> sentTimestamp = instant(body, "timestamp").or(() -> instant(body, "originalTimestamp"));
        sentTimestamp.ifPresent(original -> body.put("originalTimestamp", java.time.format.DateTimeFormatter.ISO_INSTANT.format(original)));
        body.put("timestamp", java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                MessageEnricher.correctedTimestamp(sentTimestamp, instant(body, "sentAt"), ENRICHMENT.receivedAt())));
        ObjectNode context = body.get("context") instanceof ObjectNode existing ? existing : body.putObject("context");
        if (!context.hasNonNull("ip")) {
            ENRICHMENT.clientIp().ifPresent(ip -> context.put("ip", ip));
        }
        body.put("tenantId", ENRICHMENT.tenantId());
        body.put("sourceId", ENRICHMENT.sourceId());
        String line = QueuedEvents.withLoneSurrogatesEscaped(JSON.writeValueAsString(body));
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(compressed)) {
            gzip.write(line.getBytes(StandardCharsets.UTF_8));
            gzip.write('\n');
        }
        return java.util.Base64.getEncoder().encodeToString(compressed.toByteArray());
    }

    private static Optional<Instant> instant(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || !value.isTextual() ? Optional.empty() : Timestamps.parse(value.asText());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean hasLoneSurrogate(String text) {
        return !QueuedEvents.withLoneSurrogatesEscaped(text).equals(text) || text.contains("\\ud") || text.contains("\\uD");
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> type = Arbitraries.of("track", "identify", "page", "screen", "group", "alias");
        Arbitrary<Optional<String>> timestamp = Arbitraries.of("2024-05-01T10:00:00Z", "2024-05-01T10:00:00.5+02:00", "2024-05-01 10:00:00",
                "2023-12-31T23:59:59.999999Z").optional();
        Arbitrary<Optional<String>> sentAt = Arbitraries.of("2024-05-01T10:00:01Z", "2024-05-01T10:00:00.250Z").optional();
        Arbitrary<Optional<String>> messageId = texts().filter(id -> !id.isEmpty() && id.length() <= 100).optional();
        Arbitrary<Optional<JsonNode>> context = objects(2).map(object -> (JsonNode) object).optional();
        return Combinators.combine(type, texts(), objects(3), timestamp, sentAt, messageId, context, Arbitraries.of(true, false))
                .as((kind, id, payload, time, sent, messageIdValue, contextValue, ipSent) -> {
                    ObjectNode message = JsonNodeFactory.instance.objectNode();
                    message.put("type", kind);
                    message.put("userId", "u-" + id);
                    switch (kind) {
                        case "track" -> message.put("event", "E " + id);
                        case "group" -> message.put("groupId", "g-" + id);
                        case "alias" -> message.put("previousId", "p-" + id);
                        default -> message.put("name", id);
                    }
                    message.set(kind.equals("identify") || kind.equals("group") ? "traits" : "properties", payload);
                    time.ifPresent(value -> message.put(kind.equals("screen") ? "originalTimestamp" : "timestamp", value));
                    sent.ifPresent(value -> message.put("sentAt", value));
                    messageIdValue.ifPresent(value -> message.put("messageId", value));
                    contextValue.ifPresent(value -> {
                        ObjectNode withContext = ((ObjectNode) value).deepCopy();
                        if (ipSent) {
                            withContext.put("ip", "198.51.100.1");
                        }
                        message.set("context", withContext);
                    });
                    return message.toString();
                });
    }

    /** Any characters, lone surrogates, NUL and the other controls among them. */
    private static Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(12),
                Arbitraries.strings().withCharRange('\ud7f0', '\ue010').ofMaxLength(6),
                Arbitraries.of("Monopoly: 3rd Edition", "😀 emoji", "e\u0301", "\u2028"));
    }

    private static Arbitrary<JsonNode> values(int depth) {
        List<Arbitrary<JsonNode>> choices = new ArrayList<>(List.of(
                texts().map(text -> JsonNodeFactory.instance.textNode(text)),
                Arbitraries.longs().map(number -> JsonNodeFactory.instance.numberNode(number)),
                Arbitraries.doubles().map(number -> JsonNodeFactory.instance.numberNode(number)),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(25), java.math.BigInteger.TEN.pow(30))
                        .map(number -> JsonNodeFactory.instance.numberNode(number)),
                Arbitraries.of(true, false).map(flag -> JsonNodeFactory.instance.booleanNode(flag)),
                Arbitraries.just(JsonNodeFactory.instance.nullNode())));
        if (depth > 0) {
            choices.add(objects(depth - 1).map(object -> object));
            choices.add(values(depth - 1).list().ofMaxSize(3).map(elements -> {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                elements.forEach(array::add);
                return array;
            }));
        }
        return Arbitraries.oneOf(choices);
    }

    private static Arbitrary<ObjectNode> objects(int depth) {
        return Combinators.combine(texts().list().ofMaxSize(5), values(depth).list().ofSize(5)).as((names, values) -> {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < names.size(); i++) {
                object.set(names.get(i), values.get(i));
            }
            return object;
        });
    }
}
