package io.bigpicture.loader.staging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;

/** One source's events waiting for a staging file, with the queue messages they came in. */
final class SourceBuffer {

    final UUID tenantId;
    final UUID sourceId;
    final Instant openedAt;
    final List<String> lines = new ArrayList<>();
    final List<Message<?>> messages = new ArrayList<>();
    long bytes;

    SourceBuffer(UUID tenantId, UUID sourceId, Instant openedAt) {
        this.tenantId = tenantId;
        this.sourceId = sourceId;
        this.openedAt = openedAt;
    }

    void add(Message<?> message, List<String> eventLines, long messageBytes) {
        messages.add(message);
        lines.addAll(eventLines);
        bytes += messageBytes;
    }
}
