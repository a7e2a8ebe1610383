package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A gzip NDJSON file of one source's events on S3, waiting to be loaded into its warehouses. */
@Entity
@Table(name = "staging_file")
public class StagingFile extends TenantOwned {

    @Column(name = "source_id")
    private UUID sourceId;
    @Column(name = "object_key")
    private String objectKey;
    @Column(name = "event_count")
    private int eventCount;
    @Column(name = "byte_size")
    private long byteSize;
    @Column(name = "first_event_at")
    private Instant firstEventAt;
    @Column(name = "last_event_at")
    private Instant lastEventAt;
    /** The tables and columns its events need (a {@code BatchSchema} as JSON). */
    @Column(name = "schema_json")
    private String schemaJson;
    @Column(name = "created_at")
    private Instant createdAt;
    /** Set aside, unreadable: no sync takes it; its object is under {@code quarantine/}. */
    @Column(name = "quarantined_at")
    private Instant quarantinedAt;
    @Column(name = "quarantine_reason")
    private String quarantineReason;
    @Column(name = "quarantined_by_run")
    private UUID quarantinedByRun;

    protected StagingFile() {
    }

    public StagingFile(UUID id, UUID tenantId, UUID sourceId, String objectKey, int eventCount, long byteSize,
                       Instant firstEventAt, Instant lastEventAt, String schemaJson, Instant now) {
        super(id, tenantId);
        this.sourceId = sourceId;
        this.objectKey = objectKey;
        this.eventCount = eventCount;
        this.byteSize = byteSize;
        this.firstEventAt = firstEventAt;
        this.lastEventAt = lastEventAt;
        this.schemaJson = schemaJson;
        this.createdAt = now;
    }

    /** Where an unreadable staging file is kept for a person to look at, out of the staging files' expiry. */
    public String quarantineKey() {
        return "quarantine/" + objectKey.substring(objectKey.indexOf('/') + 1);
    }

    public void quarantine(String reason, UUID runId, Instant now) {
        objectKey = quarantineKey();
        quarantineReason = reason;
        quarantinedByRun = runId;
        quarantinedAt = now;
    }

    public String objectKey() {
        return objectKey;
    }

    public long byteSize() {
        return byteSize;
    }

    public String schemaJson() {
        return schemaJson;
    }
}
