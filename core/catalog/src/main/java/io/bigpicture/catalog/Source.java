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

    private String name;
    @Column(name = "schema_name")
    private String schemaName;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Source() {
    }

    public Source(UUID tenantId, String name, String schemaName, Instant now) {
        super(UUID.randomUUID(), tenantId);
        this.name = name;
        this.schemaName = schemaName;
        this.createdAt = now;
    }

    public String name() {
        return name;
    }

    public String schemaName() {
        return schemaName;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
