package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A source's write key, by its hash only (see {@link WriteKeys}). */
@Entity
@Table(name = "write_key")
public class WriteKey extends TenantOwned {

    @Column(name = "source_id")
    private UUID sourceId;
    @Column(name = "key_hash")
    private String keyHash;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected WriteKey() {
    }

    public WriteKey(UUID tenantId, UUID sourceId, String keyHash, Instant now) {
        super(UUID.randomUUID(), tenantId);
        this.sourceId = sourceId;
        this.keyHash = keyHash;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** After a rotation the old key keeps working for the grace period. */
    public void expireAfter(Duration grace, Instant now) {
        Instant end = now.plus(grace);
        if (expiresAt == null || end.isBefore(expiresAt)) {
            expiresAt = end;
        }
        updatedAt = now;
    }

    /** Stops working now, e.g. because its source was deleted. */
    public void expire(Instant now) {
        if (expiresAt == null || now.isBefore(expiresAt)) {
            expiresAt = now;
        }
        updatedAt = now;
    }

    public UUID sourceId() {
        return sourceId;
    }

    public String keyHash() {
        return keyHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
