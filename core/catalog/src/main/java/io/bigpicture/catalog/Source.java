package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Where events come from: a website or an app, with its write keys; it loads into its own schema. */
@Entity
@Table(name = "source")
public class Source extends TenantOwned {

    public static final int DEFAULT_RATE_LIMIT_PER_SECOND = 10_000;

    private String name;
    @Column(name = "schema_name")
    private String schemaName;
    /** Events per second per ingest API instance; above it requests get 429. */
    @Column(name = "rate_limit_per_second")
    private int rateLimitPerSecond;
    /** See {@link AllowedOrigins}. */
    @Column(name = "allowed_origins")
    private String allowedOrigins;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected Source() {
    }

    public Source(UUID tenantId, String name, String schemaName, Instant now) {
        super(UUID.randomUUID(), tenantId);
        this.name = name;
        this.schemaName = schemaName;
        this.rateLimitPerSecond = DEFAULT_RATE_LIMIT_PER_SECOND;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String name() {
        return name;
    }

    public String schemaName() {
        return schemaName;
    }

    public int rateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    public AllowedOrigins allowedOrigins() {
        return AllowedOrigins.parse(allowedOrigins);
    }

    public void allowOrigins(AllowedOrigins origins, Instant now) {
        allowedOrigins = origins.stored();
        updatedAt = now;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** From now on the source is gone for its workspace; its data in the warehouses stays. */
    public void delete(Instant now) {
        deletedAt = now;
        updatedAt = now;
    }
}
