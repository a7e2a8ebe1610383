package io.bigpicture.ingest.auth;

import java.time.Instant;
import java.util.UUID;

/** One write key with its source's settings, as the cache reads it. */
public record KeyRow(String keyHash, UUID tenantId, UUID sourceId, Instant expiresAt, int rateLimitPerSecond) {

    SourceKey sourceKey() {
        return new SourceKey(tenantId, sourceId, expiresAt, rateLimitPerSecond);
    }
}
