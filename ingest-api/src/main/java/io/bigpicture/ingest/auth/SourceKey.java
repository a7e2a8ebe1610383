package io.bigpicture.ingest.auth;

import java.time.Instant;
import java.util.UUID;

/** What a valid write key stands for. */
public record SourceKey(UUID tenantId, UUID sourceId, Instant expiresAt) {

    boolean isValidAt(Instant instant) {
        return expiresAt == null || instant.isBefore(expiresAt);
    }
}
