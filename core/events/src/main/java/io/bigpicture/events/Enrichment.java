package io.bigpicture.events;

import java.time.Instant;
import java.util.Optional;

/** What the ingest API knows about a request that the message itself does not say. */
public record Enrichment(Instant receivedAt, Optional<String> clientIp, String tenantId, String sourceId) {
}
