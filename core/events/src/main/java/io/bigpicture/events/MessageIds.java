package io.bigpicture.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The id of a message without a {@code messageId}: a hash of its content, so that a retried send of
 * the same message becomes the same warehouse row. Fields that change between retries of one
 * message (when it was sent, our own enrichment) are left out of the hash.
 */
public final class MessageIds {

    private static final Set<String> VOLATILE_FIELDS = Set.of("sentAt", "receivedAt", "writeKey", "messageId");
    private static final String PREFIX = "bp-";

    private MessageIds() {
    }

    /** Call before enrichment: the hash is of what the client sent. */
    public static String contentHash(Message message) {
        ObjectNode content = message.body().deepCopy();
        content.remove(VOLATILE_FIELDS);
        StringBuilder canonical = new StringBuilder();
        appendCanonical(content, canonical);
        return PREFIX + HexFormat.of().formatHex(sha256(canonical.toString())).substring(0, 32);
    }

    /** JSON with object keys sorted at every depth, so that key order does not change the hash. */
    private static void appendCanonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                sorted.put(field.getKey(), field.getValue());
            }
            out.append('{');
            sorted.forEach((name, value) -> {
                out.append(quoted(name)).append(':');
                appendCanonical(value, out);
                out.append(',');
            });
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            node.forEach(element -> {
                appendCanonical(element, out);
                out.append(',');
            });
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
