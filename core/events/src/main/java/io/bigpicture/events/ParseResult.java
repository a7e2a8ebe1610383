package io.bigpicture.events;

import java.util.List;
import java.util.Optional;

/** What {@link MessageParser} made of a request body. */
public sealed interface ParseResult {

    /** Every message is valid. {@code writeKey} is the body's {@code writeKey} field, if any. */
    record Accepted(List<Message> messages, Optional<String> writeKey) implements ParseResult {
    }

    /** At least one message is invalid; nothing of the request may be kept. */
    record Rejected(List<Problem> problems) implements ParseResult {
    }

    /**
     * One thing wrong. {@code index} is the message's position in a batch, or -1 for the request
     * itself (and for the single message of a non-batch call).
     */
    record Problem(int index, String field, String reason) {
    }
}
