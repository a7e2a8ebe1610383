package io.bigpicture.admin.repository;

import io.bigpicture.catalog.WarehouseColumn;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class WarehouseColumnRepository implements PanacheRepositoryBase<WarehouseColumn, UUID> {

    public Uni<List<WarehouseColumn>> ofTenant(UUID tenantId) {
        return list("tenantId = ?1 order by warehouseId, schemaName, tableName, createdAt, columnName", tenantId);
    }

    /** What the loader made for one source (its schema) in one warehouse. */
    public Uni<List<WarehouseColumn>> inSchema(UUID tenantId, UUID warehouseId, String schema) {
        return list("tenantId = ?1 and warehouseId = ?2 and schemaName = ?3 order by tableName, columnName", tenantId, warehouseId, schema);
    }
}
