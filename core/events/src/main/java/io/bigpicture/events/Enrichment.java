package io.bigpicture.events;

import java.time.Instant;
import java.util.Optional;

/**
 * What the ingest API knows about a request that the message itself does not say.
 *
 * @param receivedAtText {@code receivedAt} as every message of the request carries it, written once
 */
public record Enrichment(Instant receivedAt, String receivedAtText, Optional<String> clientIp, String tenantId, String sourceId) {

    public Enrichment(Instant receivedAt, Optional<String> clientIp, String tenantId, String sourceId) {
        this(receivedAt, Timestamps.format(receivedAt), clientIp, tenantId, sourceId);
    }
}
