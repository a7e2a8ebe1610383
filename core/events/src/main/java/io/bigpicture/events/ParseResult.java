package io.bigpicture.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** What {@link MessageParser} made of a request body. {@code writeKey} is the body's {@code writeKey} field, if any. */
public sealed interface ParseResult {

    Optional<String> writeKey();

    /**
     * The messages that follow the spec, to be queued, and each one's {@code index} in the batch (-1
     * for a single call); {@code rejected}: those of the batch that do not, left out.
     */
    record Accepted(List<Message> messages, List<Integer> indexes, List<RejectedMessage> rejected, Optional<String> writeKey)
            implements ParseResult {
        public Accepted {
            if (messages.size() != indexes.size()) {
                throw new IllegalArgumentException("one index per message");
            }
        }
    }

    /**
     * Nothing of the request can be queued: the body is not what the endpoint takes, or none of its
     * messages follows the spec ({@code rejected} lists them).
     */
    record Refused(List<Problem> problems, List<RejectedMessage> rejected, Optional<String> writeKey) implements ParseResult {
    }

    /**
     * One thing wrong. {@code index} is the message's position in a batch, or -1 for the request
     * itself (and for the single message of a non-batch call). {@code reason} is one fixed text per
     * rule, never a value the client sent: metrics count by it.
     */
    record Problem(int index, String field, String reason) {
    }

    /** A message left out, as the client sent it (less its write key), and every problem it has. */
    record RejectedMessage(int index, JsonNode message, List<Problem> problems) {
    }
}
