package io.bigpicture.admin.service;

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
}
