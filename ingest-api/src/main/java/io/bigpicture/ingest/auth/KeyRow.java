package io.bigpicture.ingest.auth;

import io.bigpicture.catalog.AllowedOrigins;
import java.time.Instant;
import java.util.UUID;

/** One write key with its source's settings, as the cache reads it. */
public record KeyRow(String keyHash, UUID tenantId, UUID sourceId, Instant expiresAt, int rateLimitPerSecond, String allowedOrigins) {

    SourceKey sourceKey() {
        return new SourceKey(tenantId, sourceId, expiresAt, rateLimitPerSecond, AllowedOrigins.parse(allowedOrigins));
    }
}
