package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One table of a staging file that a warehouse has not loaded although the file's other tables
 * did (a partial sync): the next sync loads this table from the file, and only it.
 */
@Entity
@Table(name = "staging_table_retry")
public class StagingTableRetry extends TenantOwned {

    @Column(name = "warehouse_id")
    private UUID warehouseId;
    @Column(name = "staging_file_id")
    private UUID stagingFileId;
    @Column(name = "table_name")
    private String tableName;
    @Column(name = "created_at")
    private Instant createdAt;

    protected StagingTableRetry() {
    }

    public StagingTableRetry(UUID tenantId, UUID warehouseId, UUID stagingFileId, String tableName, Instant now) {
        super(UUID.randomUUID(), tenantId);
        this.warehouseId = warehouseId;
        this.stagingFileId = stagingFileId;
        this.tableName = tableName;
        this.createdAt = now;
    }

    public UUID stagingFileId() {
        return stagingFileId;
    }

    public String tableName() {
        return tableName;
    }
}
