package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The schema catalog: one column bigPicture made in a warehouse, with its type. */
@Entity
@Table(name = "warehouse_column")
public class WarehouseColumn extends TenantOwned {

    @Column(name = "warehouse_id")
    private UUID warehouseId;
    @Column(name = "schema_name")
    private String schemaName;
    @Column(name = "table_name")
    private String tableName;
    @Column(name = "column_name")
    private String columnName;
    /** A {@code ColumnType} name. */
    @Column(name = "column_type")
    private String columnType;
    @Column(name = "created_at")
    private Instant createdAt;

    protected WarehouseColumn() {
    }

    public WarehouseColumn(UUID tenantId, UUID warehouseId, String schemaName, String tableName, String columnName,
                           String columnType, Instant now) {
        super(UUID.randomUUID(), tenantId);
        this.warehouseId = warehouseId;
        this.schemaName = schemaName;
        this.tableName = tableName;
        this.columnName = columnName;
        this.columnType = columnType;
        this.createdAt = now;
    }

    public UUID warehouseId() {
        return warehouseId;
    }

    public String schemaName() {
        return schemaName;
    }

    public String tableName() {
        return tableName;
    }

    public String columnName() {
        return columnName;
    }

    public String columnType() {
        return columnType;
    }
}
