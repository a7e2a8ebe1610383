package io.bigpicture.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of an {@code events} queue message: enriched messages of one source as NDJSON, one per
 * line, packed so that each queue message stays under the queue's size limit.
 */
public final class QueuedEvents {

    private QueuedEvents() {
    }

    /**
     * Packs JSON lines (without newlines) into as few bodies as fit {@code maxBytes} each, in order.
     * A line longer than {@code maxBytes} is refused: callers limit the size of one event first.
     */
    public static List<String> pack(List<String> lines, int maxBytes) {
        List<String> bodies = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int bodyBytes = 0;
        for (String line : lines) {
            int lineBytes = line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (lineBytes > maxBytes) {
                throw new IllegalArgumentException("an event of " + lineBytes + " bytes exceeds a queue message of " + maxBytes);
            }
            if (bodyBytes + lineBytes > maxBytes) {
                bodies.add(body.toString());
                body.setLength(0);
                bodyBytes = 0;
            }
            body.append(line).append('\n');
            bodyBytes += lineBytes;
        }
        if (!body.isEmpty()) {
            bodies.add(body.toString());
        }
        return bodies;
    }

    public static List<String> unpack(String body) {
        return body.lines().filter(line -> !line.isBlank()).toList();
    }
}
