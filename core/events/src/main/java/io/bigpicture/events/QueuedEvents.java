package io.bigpicture.events;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The body of an {@code events} queue message: enriched messages of one source as NDJSON, one per
 * line, packed so that each queue message stays under the queue's size limit.
 */
public final class QueuedEvents {

    private QueuedEvents() {
    }

    public static List<String> unpack(String body) {
        return body.lines().filter(line -> !line.isBlank()).toList();
    }

    /** Packs lines into bodies of at most {@code maxBytes}, in order, as they come. Not thread-safe. */
    public static final class Packer {

        private final int maxBytes;
        private final StringBuilder body = new StringBuilder();
        private int bytes;

        public Packer(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        /**
         * Adds a JSON line (without a newline). Returns the body it sealed to make room, if any. A
         * line larger than a whole body is refused: callers limit the size of one event first.
         */
        public Optional<String> add(String line) {
            int lineBytes = line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (lineBytes > maxBytes) {
                throw new IllegalArgumentException("an event of " + lineBytes + " bytes exceeds a queue message of " + maxBytes);
            }
            Optional<String> sealed = bytes + lineBytes > maxBytes ? drain() : Optional.empty();
            body.append(line).append('\n');
            bytes += lineBytes;
            return sealed;
        }

        /** The open body, if any, leaving the packer empty. */
        public Optional<String> drain() {
            if (bytes == 0) {
                return Optional.empty();
            }
            String sealed = body.toString();
            body.setLength(0);
            bytes = 0;
            return Optional.of(sealed);
        }
    }
}
