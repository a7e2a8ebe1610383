package io.bigpicture.admin.api;

import io.bigpicture.catalog.Destination;
import io.bigpicture.catalog.RecentEvent;
import io.bigpicture.catalog.Source;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sources and their write keys in the API. A write key is answered once, when it is made. */
public final class SourceApi {

    private SourceApi() {
    }

    public record Create(String name) {
    }

    /**
     * {@code allowedOrigins} empty: events from any browser origin. {@code warehouseIds}: the
     * warehouses the source loads into; {@code schemas}: the schema it loads into in each.
     */
    public record View(UUID id, String name, String schemaName, List<String> allowedOrigins, List<UUID> warehouseIds,
                       Map<UUID, String> schemas, Instant createdAt) {
        public static View of(Source source, List<Destination> loading) {
            Map<UUID, String> schemas = new LinkedHashMap<>();
            loading.forEach(destination -> schemas.put(destination.warehouseId(), destination.schemaOf(source)));
            return new View(source.id(), source.name(), source.schemaName(), source.allowedOrigins().origins().stream().sorted().toList(),
                    List.copyOf(schemas.keySet()), schemas, source.createdAt());
        }
    }

    /** The browser origins the source accepts events from; an empty list accepts any. */
    public record AllowedOrigins(List<String> origins) {
    }

    /** One of the source's latest events, as the live events view shows it (body cut at 4 KiB). */
    /** {@code rejected}: why the tracking API left the message out; null for an accepted event. */
    public record RecentEventView(Instant receivedAt, String type, String event, String messageId, String body, String rejected) {
        public static RecentEventView of(RecentEvent event) {
            return new RecentEventView(event.receivedAt(), event.type(), event.event(), event.messageId(), event.body(),
                    event.rejectedReason().orElse(null));
        }
    }

    /** A new source with its first write key. */
    public record Created(UUID id, String name, String schemaName, String writeKey) {
    }

    /** A new write key; the source's earlier keys stop working at {@code previousKeysExpireAt}. */
    public record NewWriteKey(String writeKey, Instant previousKeysExpireAt) {
    }
}
