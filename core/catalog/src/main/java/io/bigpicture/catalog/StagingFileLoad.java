package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A staging file loaded into a warehouse, by the run that did it. */
@Entity
@Table(name = "staging_file_load")
public class StagingFileLoad extends TenantOwned {

    @Column(name = "staging_file_id")
    private UUID stagingFileId;
    @Column(name = "warehouse_id")
    private UUID warehouseId;
    @Column(name = "sync_run_id")
    private UUID syncRunId;
    @Column(name = "loaded_at")
    private Instant loadedAt;

    protected StagingFileLoad() {
    }

    public StagingFileLoad(UUID tenantId, UUID stagingFileId, UUID warehouseId, UUID syncRunId, Instant now) {
        super(UUID.randomUUID(), tenantId);
        this.stagingFileId = stagingFileId;
        this.warehouseId = warehouseId;
        this.syncRunId = syncRunId;
        this.loadedAt = now;
    }
}
