package io.bigpicture.ingest.auth;

import java.time.Instant;
import java.util.UUID;

/** What a valid write key stands for, and the source's rate limit. */
public record SourceKey(UUID tenantId, UUID sourceId, Instant expiresAt, int rateLimitPerSecond) {

    boolean isValidAt(Instant instant) {
        return expiresAt == null || instant.isBefore(expiresAt);
    }
}
