package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** What one run loaded into one table. */
@Entity
@Table(name = "sync_run_table")
public class SyncRunTable extends TenantOwned {

    @Column(name = "sync_run_id")
    private UUID syncRunId;
    @Column(name = "table_name")
    private String tableName;
    @Column(name = "rows_loaded")
    private long rowsLoaded;
    /** Values that did not fit their column; each is a row of the schema's discards table. */
    private long discards;

    protected SyncRunTable() {
    }

    public SyncRunTable(UUID tenantId, UUID syncRunId, String tableName, long rowsLoaded, long discards) {
        super(UUID.randomUUID(), tenantId);
        this.syncRunId = syncRunId;
        this.tableName = tableName;
        this.rowsLoaded = rowsLoaded;
        this.discards = discards;
    }

    public String tableName() {
        return tableName;
    }

    public long rowsLoaded() {
        return rowsLoaded;
    }

    public long discards() {
        return discards;
    }
}
