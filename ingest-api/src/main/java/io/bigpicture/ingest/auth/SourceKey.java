package io.bigpicture.ingest.auth;

import io.bigpicture.catalog.AllowedOrigins;
import java.time.Instant;
import java.util.UUID;

/** What a valid write key stands for, and the source's limits. */
public record SourceKey(UUID tenantId, UUID sourceId, Instant expiresAt, int rateLimitPerSecond, AllowedOrigins allowedOrigins) {

    boolean isValidAt(Instant instant) {
        return expiresAt == null || instant.isBefore(expiresAt);
    }
}
