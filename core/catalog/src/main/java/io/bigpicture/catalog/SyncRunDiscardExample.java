package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** One of the first values a run left out of a table, with the reason, for sync history. */
@Entity
@Table(name = "sync_run_discard_example")
public class SyncRunDiscardExample extends TenantOwned {

    @Column(name = "sync_run_id")
    private UUID syncRunId;
    @Column(name = "table_name")
    private String tableName;
    @Column(name = "column_name")
    private String columnName;
    @Column(name = "value_text")
    private String value;
    private String reason;

    protected SyncRunDiscardExample() {
    }

    public SyncRunDiscardExample(UUID tenantId, UUID syncRunId, String tableName, String columnName, String value, String reason) {
        super(UUID.randomUUID(), tenantId);
        this.syncRunId = syncRunId;
        this.tableName = tableName;
        this.columnName = columnName;
        this.value = value;
        this.reason = reason;
    }

    public UUID syncRunId() {
        return syncRunId;
    }

    public String tableName() {
        return tableName;
    }

    public String columnName() {
        return columnName;
    }

    public String value() {
        return value;
    }

    public String reason() {
        return reason;
    }
}
